import Testing
@testable import HTTP

/// Request ids key the provisioning log: time first, so a batch of writes appends its log
/// keys at the right edge of that B-tree instead of one random page each.
@Suite("RequestIDGenerator — time-ordered request ids")
struct RequestIDGeneratorTests {
    @Test("an id is 24 hex digits: the milliseconds, then random digits")
    func format() {
        var generator = RequestIDGenerator()
        let id = generator.id(milliseconds: 0x0193_9a1b_2c3d)
        #expect(id.count == 24)
        #expect(id.hasPrefix("01939a1b2c3d"))
        #expect(id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    }

    @Test("ids made later sort after earlier ones; ids of one millisecond differ")
    func ordered() {
        var generator = RequestIDGenerator()
        let ids = (0..<1_000).map { generator.id(milliseconds: 1_765_000_000_000 + UInt64($0 / 10)) }
        for (earlier, later) in zip(ids, ids.dropFirst()) where earlier.prefix(12) != later.prefix(12) {
            #expect(earlier < later)
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("without a usable X-Request-Id the id carries the current time")
    func currentTime() {
        var generator = RequestIDGenerator()
        let before = generator.id(milliseconds: 0)  // advances the random state only
        let id = generator.id(accepting: "<script>")
        #expect(id != before && id.count == 24)
        let milliseconds = UInt64(id.prefix(12), radix: 16) ?? 0
        #expect(milliseconds > 1_700_000_000_000 && milliseconds < 4_000_000_000_000)
        #expect(generator.id(accepting: "abc-123") == "abc-123")
    }
}
