/// Which programs' audiences a change moved members into or out of, as the provisioning
/// log shows it (issue 15: "what changed for the member (… audiences joined or left)").
///
/// An audience counts live members only: a deprovisioned member has left every audience
/// it was in. Being in an audience says nothing about eligibility (a member the identity
/// provider deactivated stays in it, not selectable), so a status change alone moves
/// nobody. Archived programs have no audience any more and are never named.
public enum AudienceMovement {
    /// The programs whose audience `after` joined and left compared with `before` (`nil`
    /// before: a new member; `nil` after: gone), the member's groups being `groups` and
    /// the connections keeping it `sources` in both, in the order of `programs`.
    public static func member(before: Member?, after: Member?, groups: Set<GroupID>, sources: Set<ConnectionID> = [],
                              programs: [Program]) -> (joined: [ProgramID], left: [ProgramID]) {
        var joined: [ProgramID] = []
        var left: [ProgramID] = []
        for program in programs where program.status != .archived {
            let was = before.map { includes(program, $0, groups, sources) } ?? false
            let now = after.map { includes(program, $0, groups, sources) } ?? false
            if now, !was { joined.append(program.id) }
            if was, !now { left.append(program.id) }
        }
        return (joined, left)
    }

    /// The programs whose audience is `group`: the members a SCIM group gains join them,
    /// the ones it loses leave them.
    public static func programs(boundTo group: GroupID, in programs: [Program]) -> [Program] {
        programs.filter { $0.status != .archived && $0.audience == .group(group) }
    }

    /// Whether `member`, in `groups` and kept by `sources`, is in `program`'s audience:
    /// live and included.
    private static func includes(_ program: Program, _ member: Member, _ groups: Set<GroupID>,
                                 _ sources: Set<ConnectionID>) -> Bool {
        member.lifecycle == .live && program.audience.includes(member: member, groupsOfMember: groups, sourcesOfMember: sources)
    }
}
