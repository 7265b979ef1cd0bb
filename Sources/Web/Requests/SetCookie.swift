/// A `Set-Cookie` header value for the portal's cookies (RFC 6265 §4.1), with the flags of
/// ../shared/design/web.md: `Path=/`, `HttpOnly`, `SameSite=Lax`, and `Secure` when the
/// public URL is https.
///
/// Names and values are restricted to RFC 6265 `token` and `cookie-octet` characters; the
/// failable initialiser refuses anything else, so no header can be split or extended.
public struct SetCookie: Sendable, Equatable {
    /// The cookie name.
    public let name: String
    /// The cookie value.
    public let value: String
    /// Seconds until the browser drops it; nil for a cookie that ends with the browser
    /// session; 0 deletes it.
    public let maxAge: Int?
    /// Whether the cookie is sent only over https.
    public let isSecure: Bool

    /// A cookie; nil when the name or value holds a character a cookie may not carry.
    public init?(name: String, value: String, maxAge: Int?, isSecure: Bool) {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter),
              value.unicodeScalars.allSatisfy(Self.isCookieOctet)
        else { return nil }
        self.name = name
        self.value = value
        self.maxAge = maxAge.map { max(0, $0) }
        self.isSecure = isSecure
    }

    /// The header that deletes cookie `name` (empty value, `Max-Age=0`); nil for a name
    /// a cookie may not have.
    public static func deletion(name: String, isSecure: Bool) -> SetCookie? {
        SetCookie(name: name, value: "", maxAge: 0, isSecure: isSecure)
    }

    /// The `Set-Cookie` header value.
    public var headerValue: String {
        var out = "\(name)=\(value); Path=/"
        if let maxAge { out += "; Max-Age=\(maxAge)" }
        out += "; HttpOnly; SameSite=Lax"
        if isSecure { out += "; Secure" }
        return out
    }

    /// Whether cookies should be `Secure` for a server whose public URL is `publicURL`.
    public static func isSecure(publicURL: String) -> Bool {
        publicURL.lowercased().hasPrefix("https://")
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(scalar)
    }

    private static func isCookieOctet(_ scalar: Unicode.Scalar) -> Bool {
        // %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
        switch scalar.value {
        case 0x21, 0x23...0x2B, 0x2D...0x3A, 0x3C...0x5B, 0x5D...0x7E: true
        default: false
        }
    }
}
