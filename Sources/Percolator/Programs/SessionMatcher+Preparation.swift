import Coffee
import FoundationEssentials
import Store

extension SessionMatcher {
    /// What a run reads: the program, the session, the selection, the history and the
    /// last session's leftovers, and what the commit compares.
    struct Prepared: Sendable {
        var program: Program
        var session: Session
        var selection: ParticipantSelection
        var history: MatchHistory
        var priority: Set<ParticipantID>
        var members: [String: Member]
        var fingerprint: String
        /// The latest member change seen before the members were read.
        var membersStamp: Date?
        /// What the introductions name besides the members.
        var introductions: IntroductionContext

        /// What ``canCommit(_:of:tenant:at:in:)`` compares, without the members, the
        /// selection and the history: what a storage closure captures (issue 16: the
        /// writer freed the 100,000 members the commit's closure held last).
        var forCommitCheck: Prepared {
            var lean = self
            lean.members = [:]
            lean.selection = ParticipantSelection(participants: [], excluded: [], audienceSize: 0)
            lean.history = MatchHistory()
            lean.priority = []
            return lean
        }
    }

    /// Everything a run reads but the members, from one snapshot.
    struct Snapshot: Sendable {
        var program: Program
        var session: Session
        var groupsByMember: [String: Set<GroupID>]
        var managers: [String: MemberID]
        var sources: [MemberID: Set<ConnectionID>]
        var preferences: [ProgramPreference]
        var history: MatchHistory
        var priority: Set<ParticipantID>
        var fingerprint: String
        var membersStamp: Date?
        var introductions: IntroductionContext
    }

    /// Live members read per short read transaction by ``prepare(session:tenant:at:persistence:)``.
    static let membersPerRead = 1_000

    /// Prepares a run without holding a reader for long (issue 16: one read of 100,000
    /// members and the selection inside it held a reader's queue — and the SCIM requests
    /// queued on it — for a second): one short snapshot of everything but the members,
    /// then the live members ``membersPerRead`` at a time along the (tenant, id) key (each
    /// read on the next reader, between requests), then the selection off the storage threads.
    ///
    /// The snapshot reads what the commit compares (the fingerprint, the latest member
    /// change) before any member: a member changed while the pages are read is changed
    /// after that stamp, so ``canCommit`` re-checks it if it was selected — as it re-checks
    /// a member changed after a single snapshot.
    static func prepare(session id: String, tenant: Store.TenantID, at date: Date,
                        persistence: any Persistence) async throws -> Prepared {
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            let snapshot = try await persistence.read { db in try Self.snapshot(session: id, tenant: tenant, in: db) }
            // In the order of their ids, as the pages come (issue 16: putting them back in
            // creation order sorted 100,000 positions and copied every member again, and
            // the selection's result does not depend on the order: it sorts its
            // participants and exclusions by id).
            var members: [Member] = [], after = ""
            while true {
                let from = after
                let page = try await persistence.read { db in
                    try db.members.liveMembers(tenant: tenant, afterID: from, limit: Self.membersPerRead)
                }
                members.append(contentsOf: page.lazy.map(\.member))
                guard page.count == Self.membersPerRead, let last = page.last else { break }
                after = last.member.id.rawValue
            }
            return try Self.select(snapshot, members: members, at: date)
        }
    }

    /// Prepares a run from one snapshot, `db`.
    static func prepare(session id: String, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws -> Prepared {
        let snapshot = try snapshot(session: id, tenant: tenant, in: db)
        return try select(snapshot, members: try db.members.liveMembers(tenant: tenant), at: date)
    }

    /// Everything but the members, what the commit compares first.
    static func snapshot(session id: String, tenant: Store.TenantID, in db: any StorageTransaction) throws -> Snapshot {
        guard let session = try db.sessions.session(id: SessionID(id), tenant: tenant) else { throw Failure.sessionNotFound(id) }
        guard let program = try db.programs.program(id: session.programID, tenant: tenant) else {
            throw Failure.programNotFound(id)
        }
        let fingerprint = try db.sessions.selectionFingerprint(tenant: tenant, session: SessionID(id),
                                                               includingGroups: program.audience.dependsOnGroups)
        // With no member yet, any member read later is checked at the commit.
        let membersStamp = try db.members.latestUpdate(tenant: tenant) ?? Date(timeIntervalSince1970: 0)
        let groupsByMember = try db.groups.userMemberships(tenant: tenant)
        let managers = program.matching.rules.contains { if case .notWithManager = $0 { true } else { false } }
            ? try db.members.managers(tenant: tenant) : [:]
        // A program bound to a connection (a Teams team): the members its source keeps now.
        let sources = program.audience.dependsOnSources ? try activeSources(tenant: tenant, in: db) : [:]
        // The hard window and a few sessions more, for the decaying penalty on older meetings.
        let depth = max(program.matching.repeatWindow * 2, 12)
        let recent = try db.sessions.history(program: program.avoidsRepeatsAcrossPrograms ? nil : program.id,
                                             tenant: tenant, sessions: depth, excluding: SessionID(id))
        // The session matched last (by when it was matched, not its scheduled time).
        let previous = try db.sessions.sessions(program: program.id, tenant: tenant)
            .filter { ($0.state == .matched || $0.state == .closed) && $0.match != nil }
            .max { ($0.match?.matchedAt ?? $0.matchAt) < ($1.match?.matchedAt ?? $1.matchAt) }
        let priority = try previous.flatMap { try db.sessions.result(session: $0.id, tenant: tenant) }
            .map { Set($0.priorityNextSession) } ?? []
        return Snapshot(program: program, session: session, groupsByMember: groupsByMember, managers: managers, sources: sources,
                        preferences: try db.programs.preferences(program: program.id, tenant: tenant),
                        history: MatchHistory(sessions: recent.reversed()), priority: priority, fingerprint: fingerprint,
                        membersStamp: membersStamp,
                        introductions: try introductionContext(rules: program.matching.rules, tenant: tenant, in: db))
    }

    /// The selection of `members` for the snapshot's session (CPU only).
    static func select(_ snapshot: Snapshot, members: [Member], at date: Date) throws -> Prepared {
        let candidates = members.map {
            SelectionCandidate(member: $0, groupIDs: snapshot.groupsByMember[$0.id.rawValue] ?? [],
                               managerID: snapshot.managers[$0.id.rawValue], connectionIDs: snapshot.sources[$0.id] ?? [])
        }
        let selection = try ParticipantSelection.select(program: snapshot.program, session: snapshot.session,
                                                        candidates: candidates, preferences: snapshot.preferences, at: date)
        return Prepared(program: snapshot.program, session: snapshot.session, selection: selection, history: snapshot.history,
                        priority: snapshot.priority,
                        members: Dictionary(uniqueKeysWithValues: members.map { ($0.id.rawValue, $0) }),
                        fingerprint: snapshot.fingerprint, membersStamp: snapshot.membersStamp,
                        introductions: snapshot.introductions)
    }

    /// The connections that keep each member active (its active links).
    static func activeSources(tenant: Store.TenantID, in db: any StorageTransaction) throws -> [MemberID: Set<ConnectionID>] {
        try db.connections.links(tenant: tenant).compactMapValues { links in
            let active = Set(links.filter(\.isActive).map(\.connectionID))
            return active.isEmpty ? nil : active
        }
    }
}
