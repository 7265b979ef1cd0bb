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
        // Written straight as bytes exactly when no id needs an escape.
        #expect((MatchingResultText.plainGroupsText(result.groups) != nil) == ids.allSatisfy(OutboxPayload.isPlain))
    }

    @Test("groups with satisfied rules, several members and a negative score: the same text as JSONEncoder")
    func rulesAndScores() throws {
        var configuration = MatchingConfiguration()
        configuration.rules = [.differentValue(category: "team"), .sameValue(category: "city")]
        configuration.groupSize = 3
        let people = (0..<11).map { index in
            Participant(id: ParticipantID("m\(index)"), categoryValues: ["team": ["t\(index % 3)"], "city": ["c\(index % 2)"]])
        }
        var result = MatchingEngine.run(MatchingInput(participants: people, configuration: configuration, history: MatchHistory(),
                                                      priority: [], seed: 7))
        result.groups[0].score = -12
        result.groups[0].repeatsInsideWindow = 2
        #expect(result.groups.contains { !$0.satisfiedRules.isEmpty })
        let text = try MatchingResultText.encode(result)
        #expect(MatchingResultText.plainGroupsText(result.groups) != nil)
        #expect(text == (try JSONText.encode(result)))
        #expect(try JSONText.decode(text, as: MatchingResult.self) == result)
    }
}
