import Foundation
import Testing
@testable import Coffee

@Suite("Match history")
struct MatchHistoryTests {
    static let ids = (0..<6).map { ParticipantID("h\($0)") }

    @Test("ages count back from the most recent session; the latest meeting wins")
    func ages() {
        let ids = Self.ids
        let history = MatchHistory(sessions: [
            [[ids[0], ids[1], ids[2]]],          // 3 sessions ago: a trio gives three pairs
            [[ids[0], ids[3]]],                  // 2 sessions ago
            [[ids[1], ids[0]], [ids[4], ids[5]]], // 1 session ago
        ])
        #expect(history.sessionCount == 3)
        #expect(history.pairCount == 5)
        #expect(history.sessionsAgo(ids[0], ids[1]) == 1)
        #expect(history.sessionsAgo(ids[2], ids[1]) == 3)
        #expect(history.sessionsAgo(ids[3], ids[0]) == 2)
        #expect(history.sessionsAgo(ids[3], ids[4]) == nil)
        #expect(history.sessionsAgo(ids[0], ParticipantID("stranger")) == nil)
    }

    @Test("the contact index translates the history to participant indices, both ways")
    func contactIndex() {
        let ids = Self.ids
        let history = MatchHistory(sessions: [[[ids[0], ids[5]]], [[ids[2], ids[5]]]])
        // Participants in a different order, one of the history's members absent.
        let order = [ids[5], ids[2], ids[1], ids[0]]
        let indexOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
        let index = ContactIndex(count: order.count, history: history, indexOf: indexOf)
        #expect(index.value(0, 3) == 2 && index.value(3, 0) == 2)
        #expect(index.value(0, 1) == 1 && index.value(1, 0) == 1)
        #expect(index.value(1, 3) == nil && index.value(2, 0) == nil)
    }
}
