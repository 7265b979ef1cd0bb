import Testing
@testable import HTTP

/// Which client sent a request (``TrustedProxies/clientAddress(of:)``): the socket peer,
/// unless it is a trusted proxy; then the rightmost `X-Forwarded-For` hop that is not one.
@Suite("Trusted proxies — the client address behind a reverse proxy")
struct TrustedProxiesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var trusted: String
        var peer: String
        var forwardedFor: [String]
        var client: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no proxy trusted: a spoofed header changes nothing", trusted: "",
             peer: "198.51.100.7", forwardedFor: ["203.0.113.9"], client: "198.51.100.7"),
        Case(name: "a direct client that is not a trusted proxy: its header is ignored", trusted: "10.0.0.0/8",
             peer: "198.51.100.7", forwardedFor: ["203.0.113.9, 10.0.0.2"], client: "198.51.100.7"),
        Case(name: "one trusted proxy: the hop it appended", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: ["203.0.113.9"], client: "203.0.113.9"),
        Case(name: "a client's own spoofed hop left of the proxy's is not believed", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.9"], client: "203.0.113.9"),
        Case(name: "a chain of trusted proxies: the first untrusted hop from the right", trusted: "127.0.0.1, 10.0.0.0/8",
             peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.9, 10.1.2.3", "10.0.0.5"], client: "203.0.113.9"),
        Case(name: "every hop a trusted proxy: the leftmost", trusted: "10.0.0.0/8",
             peer: "10.0.0.1", forwardedFor: ["10.0.0.3, 10.0.0.2"], client: "10.0.0.3"),
        Case(name: "a trusted peer without the header: the peer", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: [], client: "127.0.0.1"),
        Case(name: "IPv6 peer and hops, canonical text", trusted: "::1, 2001:db8::/32",
             peer: "::1", forwardedFor: ["2001:DB8:0:0:0:0:0:9, 2001:0db8::1"], client: "2001:db8::9"),
        Case(name: "IPv6 outside the trusted block is the client", trusted: "2001:db8::/32",
             peer: "2001:db8::1", forwardedFor: ["2001:db9::5"], client: "2001:db9::5"),
        Case(name: "bracketed IPv6 and IPv4 with a port", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: ["[2001:db8::7]:4711, 203.0.113.9:443"], client: "203.0.113.9"),
        Case(name: "an IPv4-mapped peer is read as IPv4", trusted: "127.0.0.1",
             peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.9"], client: "203.0.113.9"),
        Case(name: "a malformed rightmost hop: the trusted peer itself", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: ["not-an-address"], client: "127.0.0.1"),
        Case(name: "a malformed hop deeper: the last address a trusted proxy vouched for", trusted: "127.0.0.1, 10.0.0.0/8",
             peer: "127.0.0.1", forwardedFor: ["203.0.113.9, <script>, 10.0.0.4"], client: "10.0.0.4"),
        Case(name: "an empty hop is malformed", trusted: "127.0.0.1",
             peer: "127.0.0.1", forwardedFor: ["203.0.113.9, "], client: "127.0.0.1"),
        Case(name: "unknown peer: as it is", trusted: "127.0.0.1",
             peer: "", forwardedFor: ["203.0.113.9"], client: ""),
    ]

    @Test("the client address", arguments: cases)
    func client(_ example: Case) throws {
        let proxies = try #require(TrustedProxies(list: example.trusted))
        #expect(proxies.clientAddress(peer: example.peer, forwardedFor: example.forwardedFor) == example.client)
    }

    @Test("the setting's list: addresses and CIDR blocks; anything else is refused",
          arguments: [("127.0.0.1", true), ("10.0.0.0/8,::1", true), ("2001:db8::/32 192.168.0.0/16", true), ("", true),
                      ("10.0.0.0/33", false), ("::/129", false), ("localhost", false), ("10.0.0.0/", false),
                      ("10.0.0.0/-1", false), ("1.2.3", false), ("10.0.0.0/8,nope", false)])
    func list(_ text: String, _ valid: Bool) {
        #expect((TrustedProxies(list: text) != nil) == valid)
    }

    @Test("a block contains the addresses its prefix covers, of its own family only")
    func blocks() throws {
        let proxies = try #require(TrustedProxies(list: "192.168.4.0/22, fd00::/8"))
        #expect(proxies.trusts("192.168.7.255") && proxies.trusts("192.168.4.0"))
        #expect(!proxies.trusts("192.168.8.0") && !proxies.trusts("192.168.3.255"))
        #expect(proxies.trusts("fd12:3456::1") && !proxies.trusts("fe80::1"))
        #expect(!proxies.trusts("::ffff:192.168.8.1") && proxies.trusts("::ffff:192.168.5.1"))
        #expect(try #require(TrustedProxies(list: "0.0.0.0/0")).trusts("8.8.8.8"))
        #expect(!proxies.trusts("garbage"))
    }
}
