import Foundation
import Testing
@testable import Coffee

/// The selector a whole-session match drives member by member (issue 16): the same
/// selection as ``ParticipantSelection/select(program:session:candidates:preferences:at:)``,
/// whatever order the members come in.
@Suite("Participant selector — members considered one at a time, in any order")
struct ParticipantSelectorTests {
    typealias F = ProgramFixture

    @Test("in id order, reversed or shuffled, the selector selects what select(candidates:) selects")
    func sameSelectionInAnyOrder() throws {
        let g1 = GroupID("g1")
        let program = F.program(audience: .group(g1))
        var members: [(Member, Set<GroupID>)] = []
        for index in 0..<40 {
            let member = try Fixture.member(id: "m\(index)", idpActive: index % 7 != 3,
                                            categories: [.city: [index % 2 == 0 ? "Paris" : "Lyon"]])
            members.append((member, index % 5 == 4 ? [GroupID("g2")] : [g1]))
        }
        let session = F.session(program: program, state: .open, optedIn: [MemberID("m4"), MemberID("m9")],
                                optedOut: [MemberID("m10")])
        let preferences = [ProgramPreference(memberID: MemberID("m12"), programID: program.id, hasLeft: true)]
        let expected = try ParticipantSelection.select(program: program, session: session,
                                                       candidates: members.map { SelectionCandidate(member: $0.0, groupIDs: $0.1) },
                                                       preferences: preferences, at: ParticipantSelectionTests.now)
        #expect(!expected.participants.isEmpty && !expected.excluded.isEmpty)
        var generator = SystemRandomNumberGenerator()
        let orders = [members.sorted { $0.0.id < $1.0.id }, members.reversed(), members.shuffled(using: &generator)]
        for order in orders {
            var selector = try ParticipantSelector(program: program, session: session, preferences: preferences,
                                                   at: ParticipantSelectionTests.now, expectedCount: order.count)
            for (member, groups) in order + [order[0]] { selector.consider(member, groupIDs: groups) }
            #expect(selector.finish() == expected, "a member considered twice counts once")
        }
    }

    @Test("the selections of disjoint id ranges, each selected on its own and joined, are the selection of all")
    func joinedRanges() throws {
        let g1 = GroupID("g1")
        let program = F.program(audience: .group(g1))
        var members: [(Member, Set<GroupID>)] = []
        for index in 0..<30 {
            let member = try Fixture.member(id: "m\(index)", idpActive: index % 7 != 3, categories: [.city: ["Paris"]])
            members.append((member, index % 5 == 4 ? [GroupID("g2")] : [g1]))
        }
        members.sort { $0.0.id < $1.0.id }
        let session = F.session(program: program, state: .open, optedIn: [MemberID("m4")], optedOut: [MemberID("m10")])
        let expected = try ParticipantSelection.select(program: program, session: session,
                                                       candidates: members.map { SelectionCandidate(member: $0.0, groupIDs: $0.1) },
                                                       at: ParticipantSelectionTests.now)
        for cuts in [[], [0], [30], [11], [7, 19], [1, 2, 29]] {
            let bounds = [0] + cuts + [members.count]
            let parts = try zip(bounds, bounds.dropFirst()).map { start, end in
                var selector = try ParticipantSelector(program: program, session: session, at: ParticipantSelectionTests.now)
                for (member, groups) in members[start..<end] { selector.consider(member, groupIDs: groups) }
                return selector.finish()
            }
            #expect(ParticipantSelection.joined(parts) == expected, "cut at \(cuts)")
        }
        #expect(ParticipantSelection.joined([]) == ParticipantSelection(participants: [], excluded: [], audienceSize: 0))
    }

    @Test("members in id order, then one again (out of order or repeated last), count once")
    func repeatAfterAscendingOrder() throws {
        let program = F.program()
        let session = F.session(program: program, state: .open)
        let members = try (0..<12).map { try Fixture.member(id: "m\($0)") }.sorted { $0.id < $1.id }
        let expected = try ParticipantSelection.select(program: program, session: session,
                                                       candidates: members.map { SelectionCandidate(member: $0) },
                                                       at: ParticipantSelectionTests.now)
        for repeated in [members[0], members[5], members[11]] {
            var selector = try ParticipantSelector(program: program, session: session, at: ParticipantSelectionTests.now)
            for member in members + [repeated] + members { selector.consider(member) }
            #expect(selector.finish() == expected)
        }
    }

    @Test("a session of another program is refused")
    func wrongProgram() throws {
        let session = F.session(program: F.program(id: "p2"))
        #expect(throws: SessionError.wrongProgram(session: session.id, program: ProgramID("p1"))) {
            try ParticipantSelector(program: F.program(), session: session, at: ParticipantSelectionTests.now)
        }
    }
}
