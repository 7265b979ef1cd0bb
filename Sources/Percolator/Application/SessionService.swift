import Coffee
import FoundationEssentials

/// Sessions as every door uses them: read one, open or cancel it, a member's opt-in or
/// opt-out, match it (or preview the matching) and read its groups.
struct SessionService: Sendable {
    /// Where sessions, results and members are read and written.
    let persistence: any Persistence
    /// Runs the matching (off the storage threads) and stores its result.
    let matcher: SessionMatcher
    /// Saved results already decoded, for reading a large session page by page.
    var results = MatchingResultCache()

    /// A matched session's groups with what a reader needs to show them.
    struct Matches: Sendable {
        var result: MatchingResult
        /// The groups of this page (indices into `result.groups`).
        var page: Range<Int>
        /// The members marked unavailable since (deprovisioned).
        var unavailable: Set<String>
        /// The matched members, by id.
        var members: [String: Member]
    }

    /// Session `id` of the tenant, if `viewer` reaches its program (a program manager: a
    /// program it owns; any other session answers not found, and every method taking a
    /// viewer changes nothing then). The admin API's tokens are administrators (the default).
    func session(_ id: SessionID, tenant: TenantID, visibleTo viewer: ProgramViewer = .administrator) async throws -> Session {
        try await persistence.read { tx in try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx) }
    }

    /// Opens session `id` for opt-ins (or participation) now.
    func open(_ id: SessionID, tenant: TenantID, at now: Date, by viewer: ProgramViewer = .administrator) async throws -> Session {
        try await change(id, tenant: tenant, at: now, by: viewer) { session, now throws(SessionError) in
            try SessionTransition.open(session, at: now)
        }
    }

    /// Cancels session `id` on an admin's request.
    func cancel(_ id: SessionID, tenant: TenantID, at now: Date, by viewer: ProgramViewer = .administrator) async throws -> Session {
        try await change(id, tenant: tenant, at: now, by: viewer) { session, now throws(SessionError) in
            try SessionTransition.cancel(session, reason: .byAdmin, at: now)
        }
    }

    /// Member `member` takes part in session `id` (`optIn`) or sits it out; the member
    /// must be the tenant's.
    func setParticipation(of member: MemberID, in id: SessionID, optIn: Bool, tenant: TenantID,
                          at now: Date) async throws -> Session {
        try await persistence.write { tx in
            let session = try Self.require(id, tenant: tenant, in: tx)
            guard try tx.members.member(id: member, tenant: tenant) != nil else {
                throw ServiceError.notFound("Member '\(member.rawValue)' not found.")
            }
            return try Self.participate(member, in: session, optIn: optIn, at: now, in: tx)
        }
    }

    /// Opts `member` in to `session` or out of it, and stores the session if that changed it.
    static func participate(_ member: MemberID, in session: Session, optIn: Bool, at now: Date,
                            in tx: any StorageTransaction) throws -> Session {
        let next = optIn ? try SessionTransition.optIn(session, member: member, at: now)
                         : try SessionTransition.optOut(session, member: member, at: now)
        if next != session { try tx.sessions.update(next) }
        return next
    }

    /// Matches session `id` now and stores the result (see ``SessionMatcher``).
    func match(_ id: SessionID, tenant: TenantID, at now: Date, by viewer: ProgramViewer = .administrator) async throws -> SessionMatcher.Outcome {
        if !viewer.seesEveryProgram { _ = try await session(id, tenant: tenant, visibleTo: viewer) }
        return try await matcher.match(session: id.rawValue, tenant: tenant, at: now)
    }

    /// The matching session `id` would get now with `seed`, saving nothing.
    func preview(_ id: SessionID, seed: UInt64?, tenant: TenantID, at now: Date,
                 by viewer: ProgramViewer = .administrator) async throws -> SessionMatcher.Outcome {
        if !viewer.seesEveryProgram { _ = try await session(id, tenant: tenant, visibleTo: viewer) }
        return try await matcher.preview(session: id.rawValue, tenant: tenant, seed: seed, at: now)
    }

    /// The groups of matched session `id` from group `first`, at most `limit`, with only
    /// the members of those groups read: a session of 100,000 members is read page by page.
    func matches(of id: SessionID, tenant: TenantID, from first: Int = 0, limit: Int = .max,
                 visibleTo viewer: ProgramViewer = .administrator) async throws -> Matches {
        let results = self.results
        return try await persistence.read { tx in
            let session = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            guard let result = try results.result(tenant: tenant, session: id, load: {
                try tx.sessions.result(session: id, tenant: tenant)
            }) else {
                throw ServiceError.notFound("Session '\(id.rawValue)' is \(session.state.rawValue): it has no matches yet.")
            }
            let start = min(max(first, 0), result.groups.count)
            let page = start..<(start + min(limit, result.groups.count - start))
            var members: [String: Member] = [:]
            for memberID in result.groups[page].flatMap(\.members) {
                members[memberID.rawValue] = try tx.members.member(id: MemberID(memberID.rawValue), tenant: tenant)
            }
            return Matches(result: result, page: page, unavailable: try tx.sessions.unavailableMembers(session: id, tenant: tenant),
                           members: members)
        }
    }

    /// Applies `transition` to session `id` in one write transaction.
    private func change(_ id: SessionID, tenant: TenantID, at now: Date, by viewer: ProgramViewer,
                        _ transition: @escaping @Sendable (Session, Date) throws(SessionError) -> Session) async throws -> Session {
        try await persistence.write { tx in
            let session = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            let next = try transition(session, now)
            if next != session { try tx.sessions.update(next) }
            return next
        }
    }

    static func require(_ id: SessionID, tenant: TenantID, in tx: any StorageTransaction) throws -> Session {
        guard let session = try tx.sessions.session(id: id, tenant: tenant) else {
            throw ServiceError.notFound("Session '\(id.rawValue)' not found.")
        }
        return session
    }

    /// Session `id` if `viewer` reaches its program, else not found with the same sentence
    /// as a session that does not exist.
    static func require(_ id: SessionID, tenant: TenantID, visibleTo viewer: ProgramViewer,
                        in tx: any StorageTransaction) throws -> Session {
        let session = try require(id, tenant: tenant, in: tx)
        guard try viewer.seesEveryProgram
                || viewer.sees(ownedBy: tx.programs.owners(program: session.programID, tenant: tenant)) else {
            throw ServiceError.notFound("Session '\(id.rawValue)' not found.")
        }
        return session
    }
}
