/// A plain-text email the outbox sends: who from, to whom, what. ``messageID`` is its
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

    /// A message; see each property for the forms it accepts.
    public init(from: String, to: [String], subject: String, textBody: String, messageID: String, headers: [EmailHeader] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.messageID = messageID
        self.headers = headers
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
    ///
    /// Throws ``SMTPError/invalidMessage(_:)`` before anything is sent when a header would
    /// hold a line break (header injection), an address or the Message-ID is malformed, or
    /// an extra header is malformed or repeats a standard one.
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
        text += "Content-Type: text/plain; charset=utf-8\r\n"
        let body = Self.normalizedBody(textBody)
        let encoding = ContentTransferEncoding.choose(for: body, allowsEightBit: allowsEightBit)
        text += "Content-Transfer-Encoding: \(encoding.rawValue)\r\n"
        for header in headers {
            try Self.validate(header)
            text += "\(header.name): \(Self.unstructured(header.value, name: header.name))\r\n"
        }
        text += "\r\n"
        switch encoding {
        case .sevenBit, .eightBit: text += String(decoding: body, as: UTF8.self)
        case .base64: text += Base64.encodeLines(body)
        }
        return RenderedEmail(text: text, transferEncoding: encoding)
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
