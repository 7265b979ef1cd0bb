import Coffee
import Foundation
import Testing
@testable import Store

/// The stored text of a matching result is written partly by hand (its groups), and must
/// stay what `JSONEncoder` writes, so results stored before and after read the same.
@Suite("Matching result text — the groups written directly, the same text as JSONEncoder's")
struct MatchingResultTextTests {
    static func result(ids: [String], rules: [MatchingRule] = [], seed: UInt64 = 1) -> MatchingResult {
        var configuration = MatchingConfiguration()
        configuration.rules = rules
        let people = ids.map { Participant(id: ParticipantID($0)) }
        return MatchingEngine.run(MatchingInput(participants: people, configuration: configuration,
                                                history: MatchHistory(), priority: [], seed: seed))
    }

    @Test("the same text as JSONEncoder, and it decodes back to the result", arguments: [
        (0..<9).map { "member-\($0)" },
        ["a/b", "quote\"d", "back\\slash", "tab\there", "new\nline", "é", "😀", "\u{1}"],
        [],
        ["alone"],
    ])
    func sameText(ids: [String]) throws {
        let result = Self.result(ids: ids)
        let text = try MatchingResultText.encode(result)
        #expect(text == (try JSONText.encode(result)))
        #expect(try JSONText.decode(text, as: MatchingResult.self) == result)
    }
}
