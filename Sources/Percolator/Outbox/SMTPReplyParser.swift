/// Splits the bytes an SMTP server sends into replies, without any I/O: append what
/// was received, then take complete replies one by one. Lines end with CRLF (a bare LF
/// is tolerated); a line whose code is followed by `-` continues the reply, one whose
/// code is followed by a space or nothing ends it (RFC 5321 §4.2.1).
struct SMTPReplyParser: Sendable {
    /// The reply is not SMTP: a line without a three-digit code, a code that changes
    /// within a reply, or a line or reply too long to be honest.
    struct MalformedReply: Error, Sendable, Equatable {
        /// What was wrong, with the offending line cut short.
        var detail: String
    }

    /// The longest line accepted, CRLF included. RFC 5321 §4.5.3.1.5 says 512; some
    /// servers send longer EHLO lines, so this allows more before calling it abuse.
    static let maximumLineLength = 4096
    /// The most lines one reply may have.
    static let maximumLineCount = 256

    private var buffer: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// An empty parser.
    init() {}

    /// Adds received bytes.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Whether bytes are held that are not part of a returned reply.
    var hasBufferedInput: Bool { !buffer.isEmpty || pendingCode != nil }

    /// The next complete reply, or `nil` until more bytes arrive.
    mutating func nextReply() throws(MalformedReply) -> SMTPReply? {
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > buffer.startIndex && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = Array(buffer[buffer.startIndex..<end])
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.count + 2 > Self.maximumLineLength { throw MalformedReply(detail: "a reply line is longer than \(Self.maximumLineLength) bytes") }
            if let reply = try take(line) { return reply }
        }
        if buffer.count > Self.maximumLineLength {
            throw MalformedReply(detail: "a reply line is longer than \(Self.maximumLineLength) bytes")
        }
        return nil
    }

    /// Adds one line (without its line break) to the reply being read; returns the
    /// reply when the line ends it.
    private mutating func take(_ line: [UInt8]) throws(MalformedReply) -> SMTPReply? {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0])
        else { throw MalformedReply(detail: "not an SMTP reply line: \(Self.printable(line.prefix(80)))") }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let separator: UInt8? = line.count > 3 ? line[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw MalformedReply(detail: "not an SMTP reply line: \(Self.printable(line.prefix(80)))")
        }
        if let pendingCode, pendingCode != code {
            throw MalformedReply(detail: "reply code changed from \(pendingCode) to \(code) within one reply")
        }
        pendingLines.append(Self.printable(line.dropFirst(4)))
        if pendingLines.count > Self.maximumLineCount {
            throw MalformedReply(detail: "a reply has more than \(Self.maximumLineCount) lines")
        }
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }

    /// `bytes` as text, invalid UTF-8 repaired and control characters dropped, so a
    /// server cannot put line breaks or escape sequences into our logs.
    private static func printable(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
