import Foundation
import Testing
@testable import Coffee

@Suite("Groups as audiences — group membership and deletion rows of the table")
struct GroupTransitionTests {
    let group = Group(id: GroupID("g1"), tenantID: Fixture.tenant, displayName: "Paris office",
                      memberIDs: [MemberID("a"), MemberID("b")])
    let at = Fixture.t0

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let add: [String]
        let remove: [String]
        let replace: [String]?
        let added: [String]
        let removed: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "add a new member", add: ["c"], remove: [], replace: nil, added: ["c"], removed: []),
        Case(name: "remove a member", add: [], remove: ["a"], replace: nil, added: [], removed: ["a"]),
        Case(name: "add and remove", add: ["d", "c"], remove: ["b"], replace: nil, added: ["c", "d"], removed: ["b"]),
        Case(name: "replace members", add: [], remove: [], replace: ["b", "c"], added: ["c"], removed: ["a"]),
        Case(name: "replace with nobody", add: [], remove: [], replace: [], added: [], removed: ["a", "b"]),
        Case(name: "add a present member: no change", add: ["a"], remove: [], replace: nil, added: [], removed: []),
        Case(name: "remove an absent member: no change", add: [], remove: ["z"], replace: nil, added: [], removed: []),
        Case(name: "replace with the same set: no change", add: [], remove: [], replace: ["a", "b"], added: [], removed: []),
    ])
    func membershipChanges(_ row: Case) {
        let result = if let replace = row.replace {
            GroupTransition.replaceMembers(group, with: Set(replace.map(MemberID.init)), at: at)
        } else {
            GroupTransition.changeMembers(group, adding: row.add.map(MemberID.init), removing: row.remove.map(MemberID.init), at: at)
        }
        if row.added.isEmpty && row.removed.isEmpty {
            #expect(result.events.isEmpty)
            #expect(result.group == group)
        } else {
            guard case .groupMembershipChanged(let event) = result.events.first else {
                Issue.record("no GroupMembershipChanged")
                return
            }
            #expect(event.added == row.added.map(MemberID.init))
            #expect(event.removed == row.removed.map(MemberID.init))
            #expect(event.groupID == group.id)
            #expect(result.group.version == 2)
            #expect(result.events.first?.idempotencyKey.rawValue == "GroupMembershipChanged/acme/g1/2")
        }
    }

    @Test("deleting a group breaks the audiences of programs using it")
    func deleteGroup() {
        let events = GroupTransition.delete(group, at: at)
        #expect(events.map(\.kind) == [.programAudienceBroken])
        guard case .programAudienceBroken(let broken) = events.first else { return }
        #expect(broken.groupID == GroupID("g1"))
    }
}
