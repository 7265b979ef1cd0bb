/// The CSRF token check of ../shared/design/web.md: every form carries the session's
/// token in a hidden field named ``fieldName``, and every unsafe request must present it.
///
/// Tokens are made by the caller from a cryptographic random source (the session's);
/// this type only compares them, in time that depends on the lengths and not on where
/// the first difference is.
public enum CSRFToken {
    /// The name of the hidden form field that carries the token.
    public static let fieldName = "csrf"

    /// Whether `presented` equals `expected`, compared in constant time for equal
    /// lengths. An empty expected token never matches (a session without a token must
    /// not accept an empty field).
    public static func matches(presented: String?, expected: String) -> Bool {
        guard let presented, !expected.isEmpty else { return false }
        let a = Array(presented.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<b.count {
            difference |= (index < a.count ? a[index] : 0) ^ b[index]
        }
        return difference == 0
    }
}
