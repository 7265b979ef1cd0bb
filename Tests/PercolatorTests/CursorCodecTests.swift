import Foundation
import SCIM
import Store
import Synchronization
import Testing
@testable import Percolator

@Suite("Cursors — HMAC-SHA256 signing, tenant binding, expiry (RFC 9865 §2.1, §5.2)")
struct CursorCodecTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 4231 §4.2–§4.7: key, data, HMAC-SHA256 (test case 5, truncated, is left out).
    @Test("HMAC-SHA256 matches the RFC 4231 test vectors", arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ] as [([UInt8], [UInt8], String)])
    func hmacVectors(key: [UInt8], data: [UInt8], expected: String) {
        #expect(Self.hex(HMACSHA256CursorSigner(key: key).tag(data)) == expected)
    }

    static let tenantA = TenantID(rawValue: "tenant-a")
    static let tenantB = TenantID(rawValue: "tenant-b")

    static func context(_ tenant: TenantID = tenantA, scope: String = "User", filter: String? = "userName sw \"a\"",
                        sortBy: String? = "userName", descending: Bool = false) -> CursorCodec.Context {
        var search = SearchRequest()
        search.filter = filter
        search.sortBy = sortBy
        search.sortOrder = descending ? .descending : nil
        return CursorCodec.Context(tenant: tenant, scope: scope, search: search)
    }

    /// Unix seconds a test sets.
    final class UnixClock: Sendable {
        private let seconds: Mutex<Int64>
        init(_ seconds: Int64) { self.seconds = Mutex(seconds) }
        var now: Int64 { seconds.withLock { $0 } }
        func set(_ value: Int64) { seconds.withLock { $0 = value } }
    }

    /// A codec whose clock reads `clock`.
    static func codec(_ clock: UnixClock, secret: String = "0123456789abcdef0123456789abcdef") -> CursorCodec {
        CursorCodec(signer: HMACSHA256CursorSigner(key: Array(secret.utf8)), timeout: .seconds(600),
                    now: { clock.now })
    }

    @Test("every seek round-trips, and the text holds only unreserved characters (RFC 9865 §2)", arguments: [
        ResourceSeek.after(nil), ResourceSeek.after(ResourcePosition(seq: 1)), .after(ResourcePosition(seq: 42, key: "zoë@example.com")),
        .after(ResourcePosition(seq: Int64.max, key: "")), .before(ResourcePosition(seq: 7, key: nil)),
        .before(ResourcePosition(seq: 9, key: "2026-12-04T08:00:00.000Z")),
    ] as [ResourceSeek])
    func roundTrip(seek: ResourceSeek) throws {
        let codec = Self.codec(UnixClock(1_000))
        let text = codec.encode(seek, kindIndex: 1, context: Self.context())
        #expect(text.utf8.allSatisfy(SearchRequest.isUnreserved))
        let decoded = try #require(try codec.decode(text, context: Self.context()))
        #expect(decoded.seek == seek && decoded.kindIndex == 1 && decoded.expires == 1_600)
        #expect(try codec.decode("", context: Self.context()) == nil, "an empty cursor is the first page")
    }

    @Test("a cursor used by another tenant, at another endpoint, or with another query is invalidCursor", arguments: [
        ("another tenant", context(tenantB)),
        ("another endpoint", context(scope: "Group")),
        ("the root /.search", context(scope: "root")),
        ("another filter", context(filter: "userName sw \"b\"")),
        ("no filter", context(filter: nil)),
        ("an empty filter", context(filter: "")),
        ("another sortBy", context(sortBy: "displayName")),
        ("another sortOrder", context(descending: true)),
    ])
    func boundToContext(name: String, other: CursorCodec.Context) {
        let codec = Self.codec(UnixClock(1_000))
        let text = codec.encode(.after(ResourcePosition(seq: 5, key: "a5")), context: Self.context())
        #expect(throws: SCIMError.invalidCursor(""), "\(name)") { try codec.decode(text, context: other) }
    }

    @Test("a cursor signed with another secret (another instance without cursor-secret) is invalidCursor")
    func otherSecret() {
        let text = Self.codec(UnixClock(1_000)).encode(ResourceSeek.after(nil), context: Self.context())
        #expect(throws: SCIMError.invalidCursor("")) {
            try Self.codec(UnixClock(1_000), secret: "another secret of thirty-two chars!").decode(text, context: Self.context())
        }
    }

    @Test("changing any one byte of a cursor makes it invalidCursor, never another position")
    func tampering() throws {
        let codec = Self.codec(UnixClock(1_000))
        let text = codec.encode(.after(ResourcePosition(seq: 77, key: "u77")), context: Self.context())
        let bytes = try #require(CursorCodec.bytes(base64url: text))
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x80] {
                var altered = bytes
                altered[index] ^= flip
                #expect(throws: SCIMError.invalidCursor("")) {
                    try codec.decode(CursorCodec.base64url(altered), context: Self.context())
                }
            }
        }
        // The same bytes spelled with other unused bits in the last character.
        let last = try #require(text.last)
        let respelled = String(text.dropLast()) + String(last == "A" ? "B" : "A")
        #expect(throws: SCIMError.invalidCursor("")) { try codec.decode(respelled, context: Self.context()) }
        for garbage in ["x", "AAAA", String(text.dropLast()), text + "A", String(repeating: "A", count: 200), "a.b~c"] {
            #expect(throws: SCIMError.invalidCursor(""), "\(garbage)") { try codec.decode(garbage, context: Self.context()) }
        }
    }

    @Test("a cursor is valid for cursorTimeout after its page, then expiredCursor (injected clock)")
    func expiry() throws {
        let clock = UnixClock(1_000)
        let codec = Self.codec(clock)
        let text = codec.encode(.after(ResourcePosition(seq: 3)), context: Self.context())
        clock.set(1_600)
        #expect(try codec.decode(text, context: Self.context()) != nil, "still valid at exactly cursorTimeout")
        clock.set(1_601)
        let error = #expect(throws: SCIMError.self) { try codec.decode(text, context: Self.context()) }
        #expect(error?.scimType == .expiredCursor && error?.status == 400)
        // Expiry is checked after the tag: a forged far-future cursor stays invalid, not expired.
        #expect(throws: SCIMError.invalidCursor("")) { try codec.decode(text, context: Self.context(Self.tenantB)) }
    }
}
