/// An ``EmailMessage`` as RFC 5322 text, ready for the SMTP DATA phase.
public struct RenderedEmail: Sendable, Equatable {
    /// Header fields, an empty line and the body, every line ended by CRLF.
    public var text: String
    /// The body's encoding; 8bit asks for `BODY=8BITMIME` in `MAIL FROM`.
    public var transferEncoding: ContentTransferEncoding

    /// A rendered message.
    public init(text: String, transferEncoding: ContentTransferEncoding) {
        self.text = text
        self.transferEncoding = transferEncoding
    }

    /// ``text`` dot-stuffed (RFC 5321 §4.5.2: a line starting with `.` gets one more)
    /// and followed by the `.` line that ends the DATA phase.
    public var dataPhaseBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart && byte == UInt8(ascii: ".") { bytes.append(UInt8(ascii: ".")) }
            bytes.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !atLineStart { bytes.append(contentsOf: "\r\n".utf8) }
        bytes.append(contentsOf: ".\r\n".utf8)
        return bytes
    }
}
