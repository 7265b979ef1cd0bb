import Foundation

/// Group membership and deletion as pure transitions (domain.md: group `members` add /
/// remove / replace → ``GroupMembershipChanged``; `DELETE /Groups/{id}` →
/// ``ProgramAudienceBroken``).
public enum GroupTransition {
    /// A group after a transition, with its events; no events means nothing changed.
    public struct Result: Sendable, Equatable {
        /// The group after the transition.
        public var group: Group
        /// The events to append to the outbox.
        public var events: [DomainEvent]
    }

    /// PATCH `add` / `remove` of members. Adding a present member or removing an absent
    /// one changes nothing.
    public static func changeMembers(_ group: Group, adding: some Sequence<MemberID> = [MemberID](), removing: some Sequence<MemberID> = [MemberID](), at date: Date) -> Result {
        var target = group.memberIDs.union(adding)
        target.subtract(removing)
        return replaceMembers(group, with: target, at: date)
    }

    /// PUT, or PATCH `replace` of `members`: the group holds exactly `members`.
    public static func replaceMembers(_ group: Group, with members: Set<MemberID>, at date: Date) -> Result {
        let added = members.subtracting(group.memberIDs).sorted()
        let removed = group.memberIDs.subtracting(members).sorted()
        guard !added.isEmpty || !removed.isEmpty else { return Result(group: group, events: []) }
        var next = group
        next.memberIDs = members
        next.version += 1
        let header = EventHeader(tenantID: group.tenantID, subject: group.id.rawValue, sequence: next.version, occurredAt: date)
        return Result(group: next, events: [.groupMembershipChanged(GroupMembershipChanged(header: header, added: added, removed: removed))])
    }

    /// `DELETE /Groups/{id}`: the group is removed; programs whose audience it was are
    /// paused by the program side on ``DomainEvent/programAudienceBroken(_:)``.
    public static func delete(_ group: Group, at date: Date) -> [DomainEvent] {
        let header = EventHeader(tenantID: group.tenantID, subject: group.id.rawValue, sequence: group.version + 1, occurredAt: date)
        return [.programAudienceBroken(ProgramAudienceBroken(header: header))]
    }
}
