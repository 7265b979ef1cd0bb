import Coffee
import FoundationEssentials

extension PortalService {
    /// A program whose audience the member is in, with its next pending session and the
    /// member's choices about it.
    struct MemberProgram: Sendable {
        var program: Program
        var nextSession: Session?
        var preference: ProgramPreference
        /// The members the member avoids in this program, as stored now.
        var avoided: [Member]
    }

    /// One group the member was matched in, with its program and the other members.
    struct MemberMatch: Sendable {
        var group: MatchedGroup
        var programName: String
        var partners: [Member]
        /// The member's "Did you meet?" answer about the group, if given.
        var feedback: MeetingFeedback? = nil
    }

    /// The signed-in member, its programs (active or paused, audience including it) and
    /// its latest matches.
    func programs(_ session: PortalSession, at now: Date) async throws -> (Member, [MemberProgram]) {
        try await persistence.read { tx in
            guard let member = try tx.members.member(id: session.memberID, tenant: session.tenantID) else {
                throw PortalRefusal.signedOut
            }
            let groups = Set(try tx.groups.groupIDs(of: member.id, tenant: session.tenantID).map(GroupID.init))
            let all = try tx.programs.programs(tenant: session.tenantID)
            // Audiences of a connection (a Teams team): the connections keeping this member active.
            let sources = all.contains { $0.audience.dependsOnSources }
                ? Set((try tx.connections.links(tenant: session.tenantID)[member.id] ?? []).filter(\.isActive).map(\.connectionID)) : []
            let programs = all.filter { program in
                if case .paused = program.status {} else if program.status != .active { return false }
                return program.audience.includes(member: member, groupsOfMember: groups, sourcesOfMember: sources)
            }
            return (member, try programs.map { program in
                let next = try tx.sessions.nextSession(program: program.id, tenant: session.tenantID, after: now)
                let preference = try tx.programs.preference(program: program.id, member: member.id, tenant: session.tenantID)
                    ?? ProgramPreference(memberID: member.id, programID: program.id)
                let avoided = try preference.avoid.sorted().compactMap { try tx.members.member(id: $0, tenant: session.tenantID) }
                return MemberProgram(program: program, nextSession: next, preference: preference, avoided: avoided)
            })
        }
    }

    /// Live members of the member's organisation whose names, user name or email contain
    /// `text` (ignoring case), the member itself excluded, at most `limit`: whom it may
    /// choose to avoid.
    func colleagues(matching text: String, for session: PortalSession, limit: Int = 10) async throws -> [Member] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        var query = MemberQuery()
        query.lifecycle = .live
        query.text = String(trimmed.prefix(100))
        let search = query
        return try await persistence.read { tx in
            try tx.members.page(tenant: session.tenantID, matching: search, after: 0, limit: limit + 1)
                .map(\.member).filter { $0.id != session.memberID }.prefix(limit).map { $0 }
        }
    }

    /// The member's latest matches, most recent first.
    func matches(_ session: PortalSession, limit: Int = 20) async throws -> [MemberMatch] {
        try await persistence.read { tx in
            let programs = Dictionary(try tx.programs.programs(tenant: session.tenantID).map { ($0.id, $0.name) },
                                      uniquingKeysWith: { first, _ in first })
            let answers = try tx.portal.feedback(of: session.memberID, tenant: session.tenantID)
            return try tx.sessions.groups(of: session.memberID, tenant: session.tenantID, limit: limit).map { group in
                MemberMatch(group: group, programName: programs[group.programID] ?? "",
                            partners: try group.members.filter { $0 != session.memberID }.compactMap {
                                try tx.members.member(id: $0, tenant: session.tenantID)
                            },
                            feedback: answers.first { $0.sessionID == group.sessionID && $0.group == group.number })
            }
        }
    }

    /// Takes part in (or sits out) program `id`'s next pending session.
    func setParticipation(in id: ProgramID, takingPart: Bool, for session: PortalSession, at now: Date) async throws {
        try await persistence.write { tx in
            guard let program = try tx.programs.program(id: id, tenant: session.tenantID),
                  let next = try tx.sessions.nextSession(program: program.id, tenant: session.tenantID, after: now)
            else { return }
            _ = try SessionService.participate(session.memberID, in: next, optIn: takingPart, at: now, in: tx)
        }
    }
}
