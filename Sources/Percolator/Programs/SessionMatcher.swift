import Coffee
import FoundationEssentials
import Store

/// Runs the matching of one session: selects the participants (audience and
/// eligibility as they are now), reads the program's history, runs the engine, and —
/// unless it is a preview — stores the result, the history rows, the session's new
/// state and one `MatchIntroRequested` outbox event per group, in one transaction.
///
/// The engine runs outside the write transaction and off the storage threads (on the
/// global concurrent executor, against what a reader's snapshot read), so neither SCIM
/// writes nor the reads queued on a reader are held up by a large session. Before
/// committing, the writer checks that nothing the selection read has changed since (a
/// fingerprint of member updates, group changes and the session's version); if
/// something did — a member deactivated in between — the selection and the engine run
/// again (at most three times), so eligibility is exactly what it is at match time.
struct SessionMatcher: Sendable {
    /// Where sessions, members and the history are read and the result is written.
    let persistence: any Persistence

    /// What a run produced.
    struct Outcome: Sendable {
        var session: Session
        var result: MatchingResult
        var excluded: [Exclusion]
        var audienceSize: Int
        /// The tenant's live members as the selection read them, by id (names for the
        /// groups of a preview).
        var members: [String: Member]
    }

    /// Why a match could not run (the admin API maps these to 404 and 503).
    enum Failure: Error, CustomStringConvertible {
        case sessionNotFound(String)
        case programNotFound(String)
        case busy
        case programArchived(String)

        var description: String {
            switch self {
            case .sessionNotFound(let id): "Session '\(id)' not found."
            case .programNotFound(let id): "The program of session '\(id)' no longer exists."
            case .busy: "The members changed during every matching attempt; retry."
            case .programArchived(let id): "The program of session '\(id)' is archived: its sessions are no longer matched."
            }
        }
    }

    /// Previews the matching of session `id` with `seed` (default: the session's own),
    /// saving nothing.
    func preview(session id: String, tenant: Store.TenantID, seed: UInt64?, at date: Date) async throws -> Outcome {
        let prepared = try await persistence.read { db in try Self.prepare(session: id, tenant: tenant, at: date, in: db) }
        return try await Self.offStorage { try Self.run(prepared, seed: seed, at: date) }
    }

    /// Matches session `id` now (opening it first if it is still scheduled) and stores
    /// the result. Throws `SessionError` for a session that is not pending.
    func match(session id: String, tenant: Store.TenantID, at date: Date) async throws -> Outcome {
        for _ in 0..<3 {
            let prepared = try await persistence.read { db in try Self.prepare(session: id, tenant: tenant, at: date, in: db) }
            // A paused program may still be matched on an admin's explicit request; an
            // archived one is over.
            guard prepared.program.status != .archived else { throw Failure.programArchived(id) }
            let outcome = try await Self.offStorage { try Self.run(prepared, seed: nil, at: date) }
            let committed = try await persistence.write { db -> Outcome? in
                guard try Self.fingerprint(tenant: tenant, session: id, in: db) == prepared.fingerprint else { return nil }
                var session = outcome.session
                if session.state == .scheduled { session = try SessionTransition.open(session, at: date) }
                session = try SessionTransition.match(session, result: outcome.result,
                                                      audienceSize: outcome.audienceSize, at: date)
                try db.sessions.update(session)
                try db.sessions.saveResult(outcome.result, of: session)
                try Self.appendIntroductions(outcome.result, session: session, members: prepared.members, in: db)
                var committed = outcome
                committed.session = session
                return committed
            }
            if let committed { return committed }
        }
        throw Failure.busy
    }

    // MARK: - Steps

    /// Runs CPU-heavy `work` on the global concurrent executor: request handlers run on
    /// the readers' queues (``SQLiteDatabase/readerTaskExecutor``), where a matching run
    /// of seconds would hold up every read queued behind it.
    static func offStorage<T: Sendable>(_ work: @Sendable () throws -> T) async throws -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { try work() }
    }

    /// What a run reads, from one reader snapshot: the program, the session, the
    /// selection, the history and the last session's leftovers, and the fingerprint the
    /// commit compares.
    struct Prepared: Sendable {
        var program: Program
        var session: Session
        var selection: ParticipantSelection
        var history: MatchHistory
        var priority: Set<ParticipantID>
        var members: [String: Member]
        var fingerprint: String
    }

    static func prepare(session id: String, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws -> Prepared {
        guard let session = try db.sessions.session(id: SessionID(id), tenant: tenant) else { throw Failure.sessionNotFound(id) }
        guard let program = try db.programs.program(id: session.programID, tenant: tenant) else {
            throw Failure.programNotFound(id)
        }
        let members = try db.members.liveMembers(tenant: tenant)
        let groupsByMember = try db.groups.userMemberships(tenant: tenant)
        let managers = program.matching.rules.contains { if case .notWithManager = $0 { true } else { false } }
            ? try db.members.managers(tenant: tenant) : [:]
        let candidates = members.map {
            SelectionCandidate(member: $0, groupIDs: groupsByMember[$0.id.rawValue] ?? [], managerID: managers[$0.id.rawValue])
        }
        let preferences = try db.programs.preferences(program: program.id, tenant: tenant)
        let selection = try ParticipantSelection.select(program: program, session: session, candidates: candidates,
                                                        preferences: preferences, at: date)
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
        return Prepared(program: program, session: session, selection: selection,
                        history: MatchHistory(sessions: recent.reversed()), priority: priority,
                        members: Dictionary(uniqueKeysWithValues: members.map { ($0.id.rawValue, $0) }),
                        fingerprint: try fingerprint(tenant: tenant, session: id, in: db))
    }

    static func run(_ prepared: Prepared, seed: UInt64?, at date: Date) throws -> Outcome {
        guard prepared.session.state.isPending else {
            throw SessionError.illegalTransition(from: prepared.session.state, action: .match)
        }
        let input = prepared.selection.matchingInput(configuration: prepared.program.matching, history: prepared.history,
                                                     priority: prepared.priority, seed: seed ?? prepared.session.derivedSeed)
        let result = MatchingEngine.run(input)
        return Outcome(session: prepared.session, result: result, excluded: prepared.selection.excluded,
                       audienceSize: prepared.selection.audienceSize, members: prepared.members)
    }

    /// What the selection depends on: member changes, group changes, the session itself.
    static func fingerprint(tenant: Store.TenantID, session id: String, in db: any StorageTransaction) throws -> String {
        try db.sessions.selectionFingerprint(tenant: tenant, session: SessionID(id))
    }

    /// One `MatchIntroRequested` email per group, to all its members, naming each with the
    /// category values the rules read and proposing a meeting time; and one
    /// `MemberLeftUnmatched` email per member left out with priority next time (see
    /// `SessionMatcher+Introductions.swift`).
    static func appendIntroductions(_ result: MatchingResult, session: Session, members: [String: Member],
                                    in db: any StorageTransaction) throws {
        let context = IntroductionContext(
            rules: RuleCategories(rules: result.configuration.rules, catalog: try db.categories.catalog(tenant: session.tenantID)),
            tenantTimeZone: try db.settings.settings(tenant: session.tenantID).timeZoneIdentifier)
        try db.outbox.append(introductionEvents(result, session: session, members: members, context: context)
            + unmatchedNotices(result, session: session, members: members))
    }
}
