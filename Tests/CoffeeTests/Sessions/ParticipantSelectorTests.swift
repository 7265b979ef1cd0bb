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

    @Test("a session of another program is refused")
    func wrongProgram() throws {
        let session = F.session(program: F.program(id: "p2"))
        #expect(throws: SessionError.wrongProgram(session: session.id, program: ProgramID("p1"))) {
            try ParticipantSelector(program: F.program(), session: session, at: ParticipantSelectionTests.now)
        }
    }
}
