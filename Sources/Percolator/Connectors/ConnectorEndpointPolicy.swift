import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which hosts a connector may call: the server-side request forgery guard (OWASP SSRF).
///
/// A connection's URLs are the tenant admin's to choose (a vendor stub, a proxy, a regional
/// API). The server must not become a way into the network it runs in, so an address in
/// a private, shared, link-local, unspecified or loopback range (IPv4 or IPv6, mapped IPv4
/// included) is refused twice:
/// - when the connection is saved, for a literal address in the URL (``permits(url:)``),
///   numeric forms other than the four dotted decimals (`2130706433`, `127.1`, `0x7f.0.0.1`,
///   which resolvers read as addresses) refused outright;
/// - before every request, for every address the host name resolves to (``permits(_:)``),
///   so a public name pointing at `10.0.0.5` or `127.0.0.1` is refused when it is called.
///   (A name whose answer changes between this check and libcurl's own lookup, DNS
///   rebinding, is not caught: `URLSession` gives no hook on the connected address.)
///
/// Loopback over plain `http` is what the vendor stubs of the tests and of a local trial
/// use; it is allowed only when ``allowsLoopback`` says so (the `connector-loopback`
/// setting, off by default on a server).
struct ConnectorEndpointPolicy: Sendable, Hashable {
    /// Whether `http://127.0.0.1:…` and other loopback addresses may be called.
    var allowsLoopback: Bool

    /// Whether a connection may name `text`: an `https` URL whose host is a name or a
    /// public address, or, when loopback is allowed, `http` or `https` on loopback.
    func permits(url text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
              !host.isEmpty, url.user == nil else { return false }
        let bare = Self.unbracketed(host)
        let address = Self.literal(bare)
        let loopback = bare == "localhost" || bare.hasSuffix(".localhost") || address.map(Self.isLoopback) == true
        if loopback { return allowsLoopback && (scheme == "http" || scheme == "https") }
        guard scheme == "https" else { return false }
        if let address { return Self.isPublic(address) }
        // A last label of digits (or 0x…) is no DNS name (no top-level domain is numeric):
        // a numeric form other than four dotted decimals, which resolvers read as an
        // address (inet_aton), so it cannot pass as a name.
        let last = bare.split(separator: ".").last ?? ""
        let numeric = last.allSatisfy(\.isNumber) || last.hasPrefix("0x")
        return !numeric && !bare.contains(":")
    }

    /// Whether every one of `addresses` (what a host resolves to, ``resolve(_:)``) may be called.
    func permits(_ addresses: [Address]) -> Bool {
        addresses.allSatisfy { Self.isPublic($0) || (allowsLoopback && Self.isLoopback($0)) }
    }

    /// An address as its bytes: 4 for IPv4, 16 for IPv6.
    typealias Address = [UInt8]

    /// `text` as an address literal (four dotted decimals, or IPv6), else `nil`.
    static func literal(_ text: String) -> Address? {
        var v4 = in_addr()
        if text.split(separator: ".", omittingEmptySubsequences: false).count == 4, inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: v4.s_addr) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return nil
    }

    /// The addresses `host` (a name, an address, or an IPv6 address in brackets) resolves
    /// to (`getaddrinfo`), IPv4 and IPv6; none when it does not resolve.
    static func resolve(_ host: String) -> [Address] {
        let host = unbracketed(host)
        if let literal = literal(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [Address] = []
        var entry = result
        while let current = entry?.pointee {
            if current.ai_family == AF_INET, let address = current.ai_addr {
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    addresses.append(withUnsafeBytes(of: v4.pointee.sin_addr.s_addr) { Array($0) })
                }
            } else if current.ai_family == AF_INET6, let address = current.ai_addr {
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    addresses.append(withUnsafeBytes(of: v6.pointee.sin6_addr) { Array($0) })
                }
            }
            entry = current.ai_next
        }
        return addresses
    }

    /// `host` without the brackets of an IPv6 literal in a URL (`[::1]`).
    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// `address` as IPv4 when it is one, or an IPv4-mapped or -compatible IPv6 one.
    private static func ipv4(_ address: Address) -> Address? {
        if address.count == 4 { return address }
        guard address.count == 16, address[0..<10].allSatisfy({ $0 == 0 }) else { return nil }
        if address[10] == 0xff, address[11] == 0xff { return Array(address[12...]) }
        if address[10] == 0, address[11] == 0, address[12...].contains(where: { $0 != 0 }), address != loopback6 {
            return Array(address[12...])
        }
        return nil
    }

    private static let loopback6: Address = Array(repeating: 0, count: 15) + [1]

    /// 127.0.0.0/8 and ::1.
    static func isLoopback(_ address: Address) -> Bool {
        if let v4 = ipv4(address) { return v4[0] == 127 }
        return address == loopback6
    }

    /// Not private, shared (CGNAT), link-local, loopback, unspecified, multicast or
    /// reserved; for IPv6, not unique-local (fc00::/7), link-local (fe80::/10),
    /// multicast, loopback or unspecified.
    static func isPublic(_ address: Address) -> Bool {
        if let v4 = ipv4(address) {
            switch (v4[0], v4[1]) {
            case (0, _), (10, _), (127, _), (169, 254), (192, 168): return false
            case (172, let second) where (16...31).contains(second): return false
            case (100, let second) where (64...127).contains(second): return false
            case (let first, _) where first >= 224: return false
            default: return true
            }
        }
        guard address.count == 16, address != loopback6, address.contains(where: { $0 != 0 }) else { return false }
        if address[0] & 0xfe == 0xfc || address[0] == 0xff { return false }
        if address[0] == 0xfe, address[1] & 0xc0 == 0x80 { return false }
        return true
    }
}
