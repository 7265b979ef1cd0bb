import Foundation

/// The origin (RFC 6454 §4) of the server's public URL: lowercase scheme and host, and
/// the port only when it is not the scheme's default. Browsers send exactly this form in
/// `Origin`.
public struct PublicOrigin: Sendable, Hashable, CustomStringConvertible {
    /// `scheme://host[:port]`.
    public let serialized: String
    /// Whether the scheme is https (cookies then get `Secure`).
    public let isHTTPS: Bool

    /// The origin of `publicURL` (`https://coffee.example.com/portal` →
    /// `https://coffee.example.com`); nil when it is not an absolute http(s) URL.
    public init?(publicURL: String) {
        guard let components = URLComponents(string: publicURL),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.flatMap { $0 == defaultPort ? nil : $0 }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        serialized = "\(scheme)://\(hostPart)" + (port.map { ":\($0)" } ?? "")
        isHTTPS = scheme == "https"
    }

    /// The serialized origin.
    public var description: String { serialized }
}
