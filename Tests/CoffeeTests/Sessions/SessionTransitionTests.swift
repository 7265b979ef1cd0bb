import Foundation
import Testing
@testable import Coffee

@Suite("Sessions — every legal and illegal transition, snapshots, participation")
struct SessionTransitionTests {
    typealias F = ProgramFixture
    static let at = F.local(2026, 3, 9, 9, 5)
    static let ada = MemberID("ada")

    static func apply(_ action: SessionAction, to session: Session) throws(SessionError) -> Session {
        switch action {
        case .open: try SessionTransition.open(session, at: at)
        case .match: try SessionTransition.match(session, result: F.emptyResult(), audienceSize: 0, at: at)
        case .close: try SessionTransition.close(session, at: at)
        case .cancel: try SessionTransition.cancel(session, reason: .byAdmin, at: at)
        case .optIn: try SessionTransition.optIn(session, member: ada, at: at)
        case .optOut: try SessionTransition.optOut(session, member: ada, at: at)
        }
    }

    /// The state each action leads to from each state; absent = illegal.
    static let legal: [SessionState: [SessionAction: SessionState]] = [
        .scheduled: [.open: .open, .cancel: .cancelled, .optIn: .scheduled, .optOut: .scheduled],
        .open: [.match: .matched, .cancel: .cancelled, .optIn: .open, .optOut: .open],
        .matched: [.close: .closed],
        .closed: [:],
        .cancelled: [:],
    ]

    @Test("transition table", arguments: SessionState.allCases, SessionAction.allCases)
    func transition(from state: SessionState, action: SessionAction) throws {
        let session = F.session(state: state)
        if let expected = Self.legal[state]?[action] {
            let next = try Self.apply(action, to: session)
            #expect(next.state == expected)
            #expect(next.version == session.version + 1 && next.updatedAt == Self.at)
        } else {
            #expect(throws: SessionError.illegalTransition(from: state, action: action)) { try Self.apply(action, to: session) }
        }
    }

    @Test("matching records seed, configuration, engine version, time and counts")
    func matchSnapshot() throws {
        let configuration = MatchingConfiguration(groupSize: 2, rules: [.differentValue(category: "department")])
        let participants = ["a", "b", "c", "d", "e"].map { Participant(id: ParticipantID($0), categoryValues: ["department": [$0 < "c" ? "HR" : "Sales"]]) }
        let session = F.session(state: .open)
        let result = MatchingEngine.run(MatchingInput(participants: participants, configuration: configuration, seed: session.derivedSeed))
        let matched = try SessionTransition.match(session, result: result, audienceSize: 8, at: Self.at)
        let snapshot = try #require(matched.match)
        #expect(snapshot.seed == session.derivedSeed && snapshot.configuration == configuration)
        #expect(snapshot.engineVersion == Coffee.engineVersion && snapshot.matchedAt == Self.at)
        #expect(snapshot.summary.audienceSize == 8 && snapshot.summary.participants == 5 && snapshot.summary.unmatched == 0)
        #expect(snapshot.summary.groups == 2 && snapshot.summary.pairs == 4)
        #expect(snapshot.summary.ruleSatisfaction.map(\.rule) == configuration.rules)
        #expect(try JSONDecoder().decode(Session.self, from: JSONEncoder().encode(matched)) == matched)
    }

    @Test("cancelling records the reason")
    func cancelReason() throws {
        let cancelled = try SessionTransition.cancel(F.session(state: .open), reason: .programArchived, at: Self.at)
        #expect(cancelled.cancellationReason == .programArchived)
    }

    @Test("opting in and out: the last choice wins, repeating it changes nothing")
    func participation() throws {
        let session = F.session(state: .open)
        let optedIn = try SessionTransition.optIn(session, member: Self.ada, at: Self.at)
        #expect(optedIn.optedIn == [Self.ada] && optedIn.optedOut.isEmpty)
        #expect(try SessionTransition.optIn(optedIn, member: Self.ada, at: Self.at) == optedIn)
        let optedOut = try SessionTransition.optOut(optedIn, member: Self.ada, at: Self.at)
        #expect(optedOut.optedIn.isEmpty && optedOut.optedOut == [Self.ada] && optedOut.version == 3)
        #expect(try SessionTransition.optOut(optedOut, member: Self.ada, at: Self.at) == optedOut)
    }

    @Test("planned sessions have a natural id and a seed derived from it")
    func naturalIdentity() {
        let program = F.program(schedule: F.weekly(window: 2 * Fixture.day))
        let matchAt = F.utc(2026, 3, 9, 8)
        let session = Session.scheduled(for: program, matchAt: matchAt, at: F.created)
        #expect(session.id == SessionID("p1@\(Int(matchAt.timeIntervalSince1970))"))
        #expect(session.id == SessionID(programID: program.id, matchAt: matchAt.addingTimeInterval(0.4)))
        #expect(session.opensAt == matchAt.addingTimeInterval(-2 * Fixture.day))
        #expect(session.state == .scheduled && session.version == 1 && session.tenantID == program.tenantID)
        #expect(session.derivedSeed == Session.scheduled(for: program, matchAt: matchAt, at: F.created.addingTimeInterval(3600)).derivedSeed)
        #expect(session.derivedSeed != Session.scheduled(for: program, matchAt: matchAt.addingTimeInterval(60), at: F.created).derivedSeed)
    }
}
