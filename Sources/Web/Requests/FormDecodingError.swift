/// Why a form body was refused. `description` is safe to show (it never echoes input).
public enum FormDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is longer than the limit (bytes).
    case bodyTooLarge(limit: Int)
    /// The body has more fields than the limit.
    case tooManyFields(limit: Int)
    /// A `%` is not followed by two hexadecimal digits.
    case malformedPercentEncoding
    /// A name or value is not UTF-8 once decoded.
    case invalidUTF8

    /// A sentence for a log or a 400 page.
    public var description: String {
        switch self {
        case .bodyTooLarge(let limit): "The form is larger than \(limit) bytes."
        case .tooManyFields(let limit): "The form has more than \(limit) fields."
        case .malformedPercentEncoding: "The form has a '%' that is not followed by two hexadecimal digits."
        case .invalidUTF8: "The form is not UTF-8 text."
        }
    }
}
