/// One SMTP reply (RFC 5321 §4.2): a three-digit code and the text of each of its lines,
/// a multi-line reply (`250-…` lines, then `250 …`) giving one entry per line.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200 to 599.
    public var code: Int
    /// The text after the code on each line, control characters removed.
    public var lines: [String]

    /// A reply with `code` and the text of its lines.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command was accepted.
    public var isPositiveCompletion: Bool { (200...299).contains(code) }
    /// 3xx: the command was accepted and more input is expected (354 after DATA).
    public var isPositiveIntermediate: Bool { (300...399).contains(code) }
    /// 4xx: refused for now; the same command may succeed later.
    public var isTransientNegative: Bool { (400...499).contains(code) }
    /// 5xx: refused; sending the same thing again will not help.
    public var isPermanentNegative: Bool { (500...599).contains(code) }

    /// The code and every line's text, e.g. `550 5.1.1 no such user`.
    public var description: String {
        ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ")
    }
}
