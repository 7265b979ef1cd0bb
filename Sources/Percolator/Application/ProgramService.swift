import Coffee
import FoundationEssentials

/// Programs as every door uses them: create and edit, change status, add a one-off
/// session, read sessions and statistics, and one member's choices about a program.
/// The rules live here or in `Coffee` (``ProgramTransition``, ``ProgramDraft``), never in
/// an endpoint; each method is one read or one write transaction of the port.
struct ProgramService: Sendable {
    /// Where programs, sessions and preferences are read and written.
    let persistence: any Persistence
    /// Where the sessions an activation creates are logged.
    var log: SchedulerLog = .standardError

    /// Builds a program's draft from a request, given the tenant's time zone (the
    /// schedule's default) and the draft it changes (`nil` on creation).
    typealias DraftInput = @Sendable (_ base: ProgramDraft?, _ timeZone: String) throws -> ProgramDraft

    /// The tenant's programs `viewer` reaches, oldest first (a program manager: those it
    /// owns; see ``ProgramViewer``). Every method taking a viewer answers a program it
    /// does not reach as not found, and changes nothing; the admin API's tokens are
    /// administrators (the default).
    func programs(tenant: TenantID, visibleTo viewer: ProgramViewer = .administrator) async throws -> [Program] {
        try await persistence.read { tx in
            let programs = try tx.programs.programs(tenant: tenant)
            guard let visible = try Self.programIDs(visibleTo: viewer, tenant: tenant, in: tx) else { return programs }
            return programs.filter { visible.contains($0.id) }
        }
    }

    /// The program `id` of the tenant, if `viewer` reaches it.
    func program(_ id: ProgramID, tenant: TenantID, visibleTo viewer: ProgramViewer = .administrator) async throws -> Program {
        try await persistence.read { tx in try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx) }
    }

    /// Creates a draft program from `input`: its rules' categories must be the tenant's
    /// (keys or labels), and a group audience a group of the tenant. A program manager
    /// becomes its owner; an administrator may give `owners` (see ``setOwners(_:of:tenant:by:)``).
    func create(tenant: TenantID, at now: Date, id: ProgramID, owners: [String]? = nil, by viewer: ProgramViewer = .administrator,
                _ input: @escaping DraftInput) async throws -> Program {
        try Self.checkMayChangeOwners(owners, viewer)
        return try await persistence.write { tx in
            let draft = try Self.checkedDraft(input, over: nil, tenant: tenant, in: tx)
            let owners = try owners.map { try Self.checkedOwners($0, tenant: tenant, in: tx) } ?? viewer.ownersOnCreation
            let program = try ProgramTransition.create(id: id, tenantID: tenant, draft: draft, at: now)
            try tx.programs.save(program)
            if !owners.isEmpty { try tx.programs.setOwners(owners, program: id, tenant: tenant) }
            return program
        }
    }

    /// Edits program `id` with `input`, as ``create(tenant:at:id:owners:by:_:)`` checks it;
    /// `owners`, when given (administrators only), replace its owners in the same transaction.
    /// A new schedule of an active or paused program replans its sessions in the same
    /// transaction (``SessionRepository/replanSessions(from:to:tenant:at:)``): the session
    /// planned on the old schedule is superseded and, when active, the next one planned on the new.
    func update(_ id: ProgramID, tenant: TenantID, at now: Date, owners: [String]? = nil, by viewer: ProgramViewer = .administrator,
                _ input: @escaping DraftInput) async throws -> Program {
        try Self.checkMayChangeOwners(owners, viewer)
        let log = self.log
        return try await change(id, tenant: tenant, by: viewer) { program, tx in
            let draft = try Self.checkedDraft(input, over: program.draft, tenant: tenant, in: tx)
            if let owners { try tx.programs.setOwners(try Self.checkedOwners(owners, tenant: tenant, in: tx), program: id, tenant: tenant) }
            let next = try ProgramTransition.update(program, with: draft, at: now)
            if next.status == .active || next.status.isPaused, next.schedule != program.schedule {
                for step in try tx.sessions.replanSessions(from: program, to: next, tenant: tenant, at: now) {
                    log.record(tenant: tenant.rawValue, action: step.action, session: step.session, trigger: "update")
                }
            }
            return next
        }
    }

    /// Activates, pauses, resumes or archives program `id`. Activating or resuming checks
    /// its audience group still exists and creates (and opens, when due) its next session
    /// in the same transaction: the sessions list is never empty until the next tick.
    func perform(_ action: ProgramAction, on id: ProgramID, tenant: TenantID, at now: Date,
                 by viewer: ProgramViewer = .administrator) async throws -> Program {
        let log = self.log
        return try await change(id, tenant: tenant, by: viewer) { program, tx in
            let next: Program
            switch action {
            case .activate: next = try ProgramTransition.activate(program, at: now)
            case .pause: next = try ProgramTransition.pause(program, reason: .byAdmin, at: now)
            case .resume: next = try ProgramTransition.resume(program, at: now)
            case .archive: return try ProgramTransition.archive(program, at: now)
            case .update: throw ServiceError.invalid("Edit a program with its draft, not as an action.")
            }
            guard action == .activate || action == .resume else { return next }
            try Self.checkGroup(program.audience, tenant: tenant, in: tx)
            for step in try tx.sessions.planSessions(of: next, tenant: tenant, at: now) {
                log.record(tenant: tenant.rawValue, action: step.action, session: step.session, trigger: action.rawValue)
            }
            return next
        }
    }

    /// The stored JSON one page of sessions may carry (``sessions(of:tenant:matchingAfter:limit:visibleTo:)``):
    /// about 19 sessions of 2,000 opt-ins, 40 ms a page on a release build
    /// (`scripts/bench-portal-history.sh`). 8 MB, the SCIM lists' budget, was 76 of them
    /// and 0.42 s a page before their opt-ins were read apart (the Store's `SessionText`).
    static let sessionPageBytes = 2 * 1024 * 1024

    /// A page of program `id`'s sessions, by match time: at most `limit` and
    /// ``sessionPageBytes`` of them, those matching after `date` when given (the last
    /// one's match time of the page before).
    func sessions(of id: ProgramID, tenant: TenantID, matchingAfter date: Date?, limit: Int,
                  visibleTo viewer: ProgramViewer = .administrator) async throws -> ProgramSessionPage {
        try await persistence.read { tx in
            _ = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            return try tx.sessions.sessions(program: id, tenant: tenant, matchingAfter: date, limit: limit,
                                            maxBytes: Self.sessionPageBytes)
        }
    }

    /// Program `id`'s sessions as its console page lists them, by match time.
    func listing(of id: ProgramID, tenant: TenantID, visibleTo viewer: ProgramViewer = .administrator) async throws -> [SessionListing] {
        try await persistence.read { tx in
            _ = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            return try tx.sessions.listing(program: id, tenant: tenant)
        }
    }

    /// Program `id`'s last `last` matched sessions, oldest first: the sessions its
    /// statistics count (``ProgramStatistics/counted(_:last:)``), read alone.
    func countedSessions(of id: ProgramID, last: Int, tenant: TenantID,
                         visibleTo viewer: ProgramViewer = .administrator) async throws -> [Session] {
        try await persistence.read { tx in
            _ = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            return ProgramStatistics.counted(try tx.sessions.matchedSessions(program: id, tenant: tenant, last: last), last: last)
        }
    }

    /// Adds a one-off session of program `id` matching at `matchAt`, which must be in the
    /// future. An archived program takes no new session; a program has one session per
    /// matching time.
    func addSession(to id: ProgramID, matchAt: Date, tenant: TenantID, at now: Date,
                    by viewer: ProgramViewer = .administrator) async throws -> Session {
        guard matchAt > now else { throw ServiceError.invalid("'matchAt' must be in the future.") }
        guard matchAt <= Schedule.latestDate else { throw ServiceError.invalid("'matchAt' must be before the year 9999 (dates from 9999 on are not taken).") }
        return try await persistence.write { tx in
            let program = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            guard program.status != .archived else {
                throw ServiceError.conflict("The program is archived; it takes no new session.")
            }
            let session = Session.scheduled(for: program, matchAt: matchAt, at: now)
            guard try tx.sessions.insert(session) else {
                throw ServiceError.duplicate("The program already has a session matching at \(Timestamp.iso8601(epochSeconds: matchAt.timeIntervalSince1970)).")
            }
            return session
        }
    }

    /// Program `id`'s statistics over its last `last` sessions.
    func statistics(of id: ProgramID, last: Int, tenant: TenantID,
                    visibleTo viewer: ProgramViewer = .administrator) async throws -> ProgramStatistics {
        ProgramStatistics.of(sessions: try await countedSessions(of: id, last: last, tenant: tenant, visibleTo: viewer), last: last)
    }

    /// What members answered to "Did you meet?" about the groups of the same sessions as
    /// ``statistics(of:last:tenant:)``.
    func feedbackStatistics(of id: ProgramID, last: Int, tenant: TenantID,
                            visibleTo viewer: ProgramViewer = .administrator) async throws -> MeetingFeedbackStatistics {
        let counted = try await countedSessions(of: id, last: last, tenant: tenant, visibleTo: viewer).map(\.id)
        return try await persistence.read { tx in
            MeetingFeedbackStatistics(try counted.flatMap { try tx.portal.feedback(session: $0, tenant: tenant) })
        }
    }

    // MARK: - One member's choices

    /// Member `member`'s choices about program `id` (the defaults when it made none).
    func preference(of member: MemberID, in id: ProgramID, tenant: TenantID) async throws -> ProgramPreference {
        try await persistence.read { tx in
            try Self.requireBoth(program: id, member: member, tenant: tenant, in: tx)
            return try Self.preference(of: member, in: id, tenant: tenant, in: tx)
        }
    }

    /// Applies `change` to member `member`'s choices about program `id`. Every member it
    /// avoids must be a member of the tenant, and never itself.
    func changePreference(of member: MemberID, in id: ProgramID, tenant: TenantID,
                          _ change: PreferenceChange) async throws -> ProgramPreference {
        try await persistence.write { tx in
            try Self.requireBoth(program: id, member: member, tenant: tenant, in: tx)
            var preference = try Self.preference(of: member, in: id, tenant: tenant, in: tx)
            if let left = change.left { preference.hasLeft = left }
            if let snooze = change.snoozedUntil { preference.snoozedUntil = snooze }
            if let avoid = change.avoid {
                guard !avoid.contains(member) else { throw ServiceError.invalid("A member cannot avoid itself.") }
                for other in avoid.sorted() where try tx.members.member(id: other, tenant: tenant) == nil {
                    throw ServiceError.invalid("'\(other.rawValue)' in 'avoid' is not a member of this organisation.")
                }
                preference.avoid = avoid
            }
            try tx.programs.save(preference, tenant: tenant)
            return preference
        }
    }

    // MARK: - Inside a transaction

    /// Applies `body` to program `id` in one write transaction; saves it when it changed.
    private func change(_ id: ProgramID, tenant: TenantID, by viewer: ProgramViewer,
                        _ body: @escaping @Sendable (Program, any StorageTransaction) throws -> Program) async throws -> Program {
        try await persistence.write { tx in
            let program = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            let next = try body(program, tx)
            if next != program { try tx.programs.save(next) }
            return next
        }
    }

    static func require(_ id: ProgramID, tenant: TenantID, in tx: any StorageTransaction) throws -> Program {
        guard let program = try tx.programs.program(id: id, tenant: tenant) else {
            throw ServiceError.notFound("Program '\(id.rawValue)' not found.")
        }
        return program
    }

    static func requireBoth(program: ProgramID, member: MemberID, tenant: TenantID, in tx: any StorageTransaction) throws {
        _ = try require(program, tenant: tenant, in: tx)
        guard try tx.members.member(id: member, tenant: tenant) != nil else {
            throw ServiceError.notFound("Member '\(member.rawValue)' not found.")
        }
    }

    private static func preference(of member: MemberID, in id: ProgramID, tenant: TenantID,
                                   in tx: any StorageTransaction) throws -> ProgramPreference {
        try tx.programs.preference(program: id, member: member, tenant: tenant)
            ?? ProgramPreference(memberID: member, programID: id)
    }

    /// `input`'s draft with its categories resolved in the tenant's catalog and its group
    /// audience checked.
    private static func checkedDraft(_ input: DraftInput, over base: ProgramDraft?, tenant: TenantID,
                                     in tx: any StorageTransaction) throws -> ProgramDraft {
        let settings = try tx.settings.settings(tenant: tenant)
        let draft = try input(base, settings.timeZoneIdentifier).resolvingCategories(in: try tx.categories.catalog(tenant: tenant))
        try checkGroup(draft.audience, tenant: tenant, in: tx)
        return draft
    }

    /// A group audience must name a group of the tenant; a connection audience one of its connections.
    static func checkGroup(_ audience: Audience, tenant: TenantID, in tx: any StorageTransaction) throws {
        if case .group(let group) = audience, try tx.groups.group(id: group, tenant: tenant) == nil {
            throw ServiceError.invalid("The audience group '\(group.rawValue)' is not a SCIM group of this organisation.")
        }
        if case .connection(let connection) = audience, try tx.connections.connection(id: connection, tenant: tenant) == nil {
            throw ServiceError.invalid("The audience connection '\(connection.rawValue)' is not a connection of this organisation.")
        }
    }
}
