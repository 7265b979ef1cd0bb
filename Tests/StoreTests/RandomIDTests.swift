import Foundation
import Testing
@testable import Store

@Suite("Row identifiers — UUID version 7 (RFC 9562 §5.7)")
struct RandomIDTests {
    @Test("identifiers are lowercase 8-4-4-4-12 hex with version 7 and variant 10, and distinct")
    func shape() {
        let ids = (0..<200).map { _ in RandomID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let groups = id.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12])
            #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
            let characters = Array(id)
            #expect(characters[14] == "7")
            #expect("89ab".contains(characters[19]))
        }
    }

    @Test("the first 48 bits are the Unix milliseconds, so ids made later sort later")
    func timeOrdered() {
        let early = RandomID.make(milliseconds: 1_764_000_000_000)
        let later = RandomID.make(milliseconds: 1_764_000_000_001)
        #expect(early < later)
        let hex = early.replacingOccurrences(of: "-", with: "").prefix(12)
        #expect(UInt64(hex, radix: 16) == 1_764_000_000_000)
        let now = RandomID.make()
        #expect(now > early, "ids made today sort after ids of 2025")
    }
}
