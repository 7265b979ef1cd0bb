import Glibc

/// The reverse proxies whose `X-Forwarded-For` is believed (setting `trusted-proxies`):
/// addresses and CIDR blocks, IPv4 or IPv6. Empty (the default) believes no header.
///
/// ``clientAddress(of:)`` is the one answer to "which client sent this request?" for
/// every per-client decision (rate limits): the socket peer, unless that peer is a
/// trusted proxy; then `X-Forwarded-For` is read from the right (each proxy appends the
/// address it received the request from) and the first hop that is not itself a trusted
/// proxy is the client (RFC 7239 §5.2's reasoning: only hops appended by trusted proxies
/// are believed). A direct client's header is ignored, so it cannot pick its own bucket.
public struct TrustedProxies: Sendable, Equatable {
    /// One address or block: its bytes (4 or 16) and how many leading bits must match.
    public struct Block: Sendable, Equatable, CustomStringConvertible {
        let bytes: [UInt8]
        let prefixLength: Int

        /// `192.0.2.1`, `10.0.0.0/8`, `::1`, `2001:db8::/32`; `nil` when malformed.
        public init?(_ text: some StringProtocol) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = parts.first, let bytes = TrustedProxies.addressBytes(first) else { return nil }
            let bits = bytes.count * 8
            var prefix = bits
            if parts.count == 2 {
                guard let length = Int(parts[1]), (0...bits).contains(length), parts[1].allSatisfy(\.isASCII) else { return nil }
                prefix = length
            }
            self.bytes = bytes
            self.prefixLength = prefix
        }

        /// Whether the address `bytes` falls in this block (same family only).
        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefixLength
            for index in bytes.indices where remaining > 0 {
                let take = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
                if address[index] & mask != bytes[index] & mask { return false }
                remaining -= take
            }
            return true
        }

        public var description: String {
            "\(TrustedProxies.text(bytes) ?? "?")/\(prefixLength)"
        }
    }

    /// The blocks believed.
    public var blocks: [Block]

    /// No proxy trusted: the socket peer is always the client.
    public init() { blocks = [] }

    /// The blocks of a comma- or space-separated list (`10.0.0.0/8, ::1`); `nil` when
    /// one of them is malformed.
    public init?(list: String) {
        var blocks: [Block] = []
        for word in list.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            guard let block = Block(word) else { return nil }
            blocks.append(block)
        }
        self.blocks = blocks
    }

    /// Whether `address` (text) is a trusted proxy's.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.addressBytes(address) else { return false }
        return trusts(bytes)
    }

    private func trusts(_ bytes: [UInt8]) -> Bool { blocks.contains { $0.contains(bytes) } }

    /// The client of `request`: see the type's documentation.
    public func clientAddress(of request: HTTPRequest) -> String {
        clientAddress(peer: request.peerAddress, forwardedFor: request.headers.values(for: "x-forwarded-for"))
    }

    /// The client of a request whose socket peer is `peer` and whose `X-Forwarded-For`
    /// header lines are `forwardedFor`, in canonical text (`::ffff:192.0.2.1` → `192.0.2.1`).
    /// A malformed hop stops the walk: the last address a trusted proxy vouched for is
    /// the client (a garbled header never names a client, nor hides one in a proxy's bucket
    /// chosen by the sender).
    public func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard let peerBytes = Self.addressBytes(peer) else { return peer }
        var client = peerBytes
        guard !blocks.isEmpty, trusts(peerBytes) else { return Self.text(client) ?? peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        for hop in hops.reversed() {
            guard let bytes = Self.hopBytes(hop.trimmingSpaces) else { break }
            client = bytes
            if !trusts(bytes) { break }
        }
        return Self.text(client) ?? peer
    }

    // MARK: - Addresses

    /// The bytes of one `X-Forwarded-For` hop: an address, `[v6]`, `[v6]:port` or `v4:port`.
    static func hopBytes(_ hop: Substring) -> [UInt8]? {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return addressBytes(hop[hop.index(after: hop.startIndex)..<close])
        }
        if let bytes = addressBytes(hop) { return bytes }
        let parts = hop.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return addressBytes(parts[0]).flatMap { $0.count == 4 ? $0 : nil }
        }
        return nil
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address; an IPv4-mapped IPv6 address is
    /// read as its IPv4 one. `nil` when `text` is not an address.
    static func addressBytes(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard !text.isEmpty, text.count <= 45, text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    /// The canonical text of 4 or 16 address bytes.
    static func text(_ bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
