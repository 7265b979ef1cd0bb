import Foundation

/// The cookies of a request's `Cookie` header (RFC 6265 §5.4 and §4.2.1): `name=value`
/// pairs separated by `;`. Pairs without `=` are ignored; a value in double quotes loses
/// them; when a name repeats, the first one wins (browsers send the most specific path
/// first). Nothing is percent-decoded: our cookie values are opaque tokens.
public struct CookieHeader: Sendable, Equatable {
    /// The cookies, first occurrence per name.
    public let cookies: [String: String]

    /// Parses one or several `Cookie` header values (HTTP/2 may split them).
    public init(_ values: [String]) {
        var cookies: [String: String] = [:]
        for header in values {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                var value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                guard !name.isEmpty, cookies[name] == nil else { continue }
                cookies[name] = value
            }
        }
        self.cookies = cookies
    }

    /// Parses one `Cookie` header value; nil means no header.
    public init(_ value: String?) {
        self.init(value.map { [$0] } ?? [])
    }

    /// The value of cookie `name`.
    public subscript(name: String) -> String? { cookies[name] }
}
