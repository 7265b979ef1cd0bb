/// An email the outbox sends: who from, to whom, what — plain text, followed by further
/// ``parts`` (an iCalendar invitation) when there are some. ``messageID`` is its
/// identity: a retry after an uncertain failure sends the same `Message-ID`, so the
/// receiving side can recognise a duplicate.
public struct EmailMessage: Sendable, Equatable {
    /// The `From` header: `ada@example.org` or `Ada Lovelace <ada@example.org>`.
    public var from: String
    /// The recipients, each in the same forms as ``from``; the `To` header and the envelope.
    public var to: [String]
    /// The subject, any Unicode text without line breaks.
    public var subject: String
    /// The body. Any line ending (LF, CR, CRLF) is sent as CRLF.
    public var textBody: String
    /// The `Message-ID`, `left@right`, with or without its angle brackets.
    public var messageID: String
    /// Further header fields, after the standard ones and in this order.
    public var headers: [EmailHeader]
    /// Body parts after the text; with any, the message is `multipart/mixed`.
    public var parts: [EmailPart]

    /// A message; see each property for the forms it accepts.
    public init(from: String, to: [String], subject: String, textBody: String, messageID: String,
                headers: [EmailHeader] = [], parts: [EmailPart] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.messageID = messageID
        self.headers = headers
        self.parts = parts
    }

    /// Header names the rendering writes itself, lower-cased; extra headers may not repeat them.
    static let reservedHeaderNames: Set<String> = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding",
    ]

    /// The message as RFC 5322 text dated now; see ``rendered(epochSeconds:allowsEightBit:)``.
    public func rendered(allowsEightBit: Bool = true) throws(SMTPError) -> RenderedEmail {
        try rendered(epochSeconds: EmailDate.nowEpochSeconds(), allowsEightBit: allowsEightBit)
    }

    /// The message as RFC 5322 text with CRLF line endings, dated `epochSeconds` after the
    /// epoch: `From`, `To`, `Subject` (RFC 2047 encoded words unless printable ASCII), `Date`,
    /// `Message-ID`, the MIME headers for UTF-8 plain text, the extra ``headers``, then the
    /// body in 7bit, 8bit (only when `allowsEightBit`) or base64, whichever carries it intact.
    /// With ``parts``, the body is multipart (RFC 2046 §5.1): `multipart/alternative` of the
    /// text and the parts without a file name, inside `multipart/mixed` with the parts that
    /// have one (attachments); each part with its own `Content-Type` (UTF-8 for text) and
    /// encoding chosen the same way, between boundaries that occur in no part.
    ///
    /// Throws ``SMTPError/invalidMessage(_:)`` before anything is sent when a header would
    /// hold a line break (header injection), an address or the Message-ID is malformed, an
    /// extra header is malformed or repeats a standard one, or a part's content type or
    /// file name is malformed.
    public func rendered(epochSeconds: Int, allowsEightBit: Bool = true) throws(SMTPError) -> RenderedEmail {
        let sender = try MailAddress.parse(from, field: "from")
        guard !to.isEmpty else { throw .invalidMessage("no recipient") }
        var recipients: [MailAddress] = []
        for recipient in to { recipients.append(try MailAddress.parse(recipient, field: "to")) }
        guard !Self.hasLineBreak(subject) else { throw .invalidMessage("subject contains a line break") }
        let identifier = try Self.angleBracketedMessageID(messageID)

        var text = "From: \(sender.headerText)\r\n"
        text += Self.foldedList(name: "To", items: recipients.map(\.headerText))
        text += "Subject: \(Self.unstructured(subject, name: "Subject"))\r\n"
        text += "Date: \(EmailDate.format(epochSeconds: epochSeconds))\r\n"
        text += "Message-ID: \(identifier)\r\n"
        text += "MIME-Version: 1.0\r\n"
        let body = parts.isEmpty
            ? Self.singlePart(contentType: "text/plain", filename: nil, text: textBody, allowsEightBit: allowsEightBit)
            : try multipartBody(allowsEightBit: allowsEightBit)
        text += body.headers
        for header in headers {
            try Self.validate(header)
            // Printable ASCII goes as it is, folded after its commas (`List-Unsubscribe`'s
            // `<URL>` and `Reply-To`'s addresses must never become encoded words).
            text += EncodedWord.isPlain(header.value)
                ? Self.foldedList(name: header.name, items: header.value.components(separatedBy: ", "))
                : "\(header.name): \(Self.unstructured(header.value, name: header.name))\r\n"
        }
        text += "\r\n" + body.content
        return RenderedEmail(text: text, transferEncoding: body.encoding)
    }

    /// A body as it is sent: its MIME header lines, its encoded content, and the
    /// encoding that content needs from the relay.
    private struct MIMEBody {
        var headers: String
        var content: String
        var encoding: ContentTransferEncoding
    }

    /// `text` as one part of type `contentType` (text types with `charset=utf-8`), encoded
    /// in the lightest encoding that carries it intact.
    private static func singlePart(contentType: String, filename: String?, text: String,
                                   allowsEightBit: Bool) -> MIMEBody {
        let isText = contentType.lowercased().hasPrefix("text/")
        var type = contentType
        if isText {
            let slash = type.firstIndex(of: ";") ?? type.endIndex
            type.insert(contentsOf: "; charset=utf-8", at: slash)
        }
        if let filename { type += "; name=\"\(filename)\"" }
        let body = normalizedBody(text)
        let encoding = ContentTransferEncoding.choose(for: body, allowsEightBit: allowsEightBit)
        var headers = "Content-Type: \(type)\r\nContent-Transfer-Encoding: \(encoding.rawValue)\r\n"
        if let filename { headers += "Content-Disposition: attachment; filename=\"\(filename)\"\r\n" }
        let content = switch encoding {
        case .sevenBit, .eightBit: String(decoding: body, as: UTF8.self)
        case .base64: Base64.encodeLines(body)
        }
        return MIMEBody(headers: headers, content: content, encoding: encoding)
    }

    /// The text and ``parts`` as MIME: the text and the parts without a file name as
    /// `multipart/alternative` (renderings of one content: an iCalendar request beside
    /// its text, where calendar clients look for it), inside `multipart/mixed` when
    /// some parts are attachments (a file name). Every part's content ends with CRLF and
    /// one more CRLF precedes each delimiter, so no part loses its last line break.
    private func multipartBody(allowsEightBit: Bool) throws(SMTPError) -> MIMEBody {
        var alternatives = [Self.singlePart(contentType: "text/plain", filename: nil, text: textBody, allowsEightBit: allowsEightBit)]
        var attachments: [MIMEBody] = []
        for part in parts {
            try Self.validate(part)
            let body = Self.singlePart(contentType: part.contentType, filename: part.filename, text: part.body,
                                       allowsEightBit: allowsEightBit)
            if part.filename == nil { alternatives.append(body) } else { attachments.append(body) }
        }
        var body = alternatives.count > 1
            ? Self.multipart("alternative", alternatives, seed: messageID + "/alternative") : alternatives[0]
        if !attachments.isEmpty { body = Self.multipart("mixed", [body] + attachments, seed: messageID) }
        return body
    }

    /// `children` as one `multipart/<subtype>` body. The boundary derives from `seed`
    /// (the Message-ID: a resend is the same text) and is lengthened until no child, nor
    /// any boundary nested in one, contains it.
    private static func multipart(_ subtype: String, _ children: [MIMEBody], seed: String) -> MIMEBody {
        var boundary = "=_percolator_" + hexHash(seed)
        while children.contains(where: { $0.content.contains(boundary) || $0.headers.contains(boundary) }) {
            boundary += "_" + hexHash(boundary)
        }
        var content = "This is a multi-part message in MIME format.\r\n"
        for child in children {
            content += "\r\n--\(boundary)\r\n\(child.headers)\r\n\(child.content)"
        }
        content += "\r\n--\(boundary)--\r\n"
        let encoding: ContentTransferEncoding = children.contains { $0.encoding == .eightBit } ? .eightBit : .sevenBit
        return MIMEBody(headers: "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n"
                            + "Content-Transfer-Encoding: \(encoding.rawValue)\r\n",
                        content: content, encoding: encoding)
    }

    /// 64-bit FNV-1a of `text`, in 16 hexadecimal digits.
    private static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func validate(_ part: EmailPart) throws(SMTPError) {
        let type = part.contentType
        let validType = type.contains("/") && type.utf8.count <= 200
            && type.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
            && !type.lowercased().contains("charset=") && !type.lowercased().hasPrefix("multipart/")
        guard validType else { throw .invalidMessage("part content type is not a printable ASCII media type: \(type)") }
        if let filename = part.filename {
            let validName = !filename.isEmpty && filename.utf8.count <= 60
                && filename.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }
            guard validName else { throw .invalidMessage("part file name is not printable ASCII without quotes: \(filename)") }
        }
    }

    private static func hasLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    /// `value` as an unstructured header value: as it is when it is printable ASCII and
    /// short enough for one line, else as encoded words.
    private static func unstructured(_ value: String, name: String) -> String {
        let fitsOneLine = name.utf8.count + 2 + value.utf8.count <= ContentTransferEncoding.maximumLineLength
        return EncodedWord.isPlain(value) && fitsOneLine ? value : EncodedWord.encode(value)
    }

    /// `name: a, b, c` folded before an item that would take the line past 78 characters.
    private static func foldedList(name: String, items: [String]) -> String {
        var text = "\(name): "
        var lineLength = text.utf8.count
        for (index, item) in items.enumerated() {
            if index > 0 {
                if lineLength + 2 + item.utf8.count > 78 {
                    text += ",\r\n "
                    lineLength = 1
                } else {
                    text += ", "
                    lineLength += 2
                }
            }
            text += item
            lineLength += item.utf8.count
        }
        return text + "\r\n"
    }

    /// `id` as `<left@right>`: printable ASCII without spaces, exactly one `@`.
    private static func angleBracketedMessageID(_ id: String) throws(SMTPError) -> String {
        var bare = Substring(id)
        if bare.hasPrefix("<") && bare.hasSuffix(">") && bare.count >= 2 { bare = bare.dropFirst().dropLast() }
        let parts = bare.split(separator: "@", omittingEmptySubsequences: false)
        let printable = bare.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != "<" && $0 != ">" }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, printable else {
            throw .invalidMessage(hasLineBreak(id) ? "Message-ID contains a line break" : "Message-ID is not of the form left@right: \(id)")
        }
        return "<\(bare)>"
    }

    private static func validate(_ header: EmailHeader) throws(SMTPError) {
        let validName = !header.name.isEmpty && header.name.utf8.count <= 76
            && header.name.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != ":" }
        guard validName else { throw .invalidMessage("header name is not printable ASCII without a colon: \(header.name)") }
        guard !reservedHeaderNames.contains(header.name.lowercased()) else {
            throw .invalidMessage("header \(header.name) is written by the rendering itself")
        }
        guard !hasLineBreak(header.value) else { throw .invalidMessage("header \(header.name) contains a line break") }
    }

    /// `body` as UTF-8 with every line ended by CRLF, the last one included.
    private static func normalizedBody(_ body: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.utf8.count + 16)
        var previousWasCR = false
        for byte in body.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                bytes.append(contentsOf: "\r\n".utf8)
                previousWasCR = true
            case UInt8(ascii: "\n"):
                if !previousWasCR { bytes.append(contentsOf: "\r\n".utf8) }
                previousWasCR = false
            default:
                bytes.append(byte)
                previousWasCR = false
            }
        }
        if !bytes.isEmpty && bytes.last != UInt8(ascii: "\n") { bytes.append(contentsOf: "\r\n".utf8) }
        return bytes
    }
}
