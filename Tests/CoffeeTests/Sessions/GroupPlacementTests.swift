import Foundation
import Testing
@testable import Coffee

@Suite("Group placements — history rows in the byte order of member ids")
struct GroupPlacementTests {
    @Test("bytesPrecede is the byte order of the UTF-8 (not String's Unicode order), prefixes first",
          arguments: [("a", "b", true), ("b", "a", false), ("a", "a", false), ("a", "ab", true), ("ab", "a", false),
                      ("", "a", true), ("a", "", false), ("Z", "a", true), ("é", "z", false), ("z", "é", true),
                      // Unicode order says equal (canonically equivalent), bytes do not: U+00E9 vs e + U+0301.
                      ("\u{E9}", "e\u{301}", false), ("e\u{301}", "\u{E9}", true),
                      ("01a24313-9e3e-70f4", "01a24313-9e3e-70f5", true)])
    func bytesPrecede(_ a: String, _ b: String, _ expected: Bool) {
        #expect(GroupPlacement.bytesPrecede(a, b) == expected)
        #expect(GroupPlacement.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8))
    }

    @Test("byMember: every member of the result once, with its group, in byte order")
    func byMember() {
        // Decomposed and precomposed accents: Unicode order and byte order differ.
        let ids = ["z9", "a1", "M3", "b2", "Y0", "c4", "\u{E9}5", "0x", "e\u{301}1", "\u{E9}2"]
        let result = MatchingEngine.run(MatchingInput(participants: ids.map { Participant(id: ParticipantID($0)) }, seed: 3))
        let placements = GroupPlacement.byMember(result)
        #expect(placements.map(\.member.rawValue) == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(placements) == Set(GroupPlacement.of(result, groups: result.groups.indices)))
    }
}
