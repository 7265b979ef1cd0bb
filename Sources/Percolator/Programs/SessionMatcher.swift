import Coffee
import FoundationEssentials
import Store
import Synchronization

/// Runs the matching of one session: selects the participants (audience and
/// eligibility as they are now), reads the program's history, runs the engine, and —
/// unless it is a preview — stores the result, the history rows, the session's new
/// state and one `MatchIntroRequested` outbox event per group, visible together (a
/// group's "Did you meet?" row is queued when its introduction is sent: ``ScheduledFeedback``).
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
    /// Where each attempt's phase timings go (the server's standard error).
    var log: MatchPhaseLog = .none
    /// Introductions encoded per chunk while the history is staged (``IntroductionFeed``):
    /// the first chunk is ready within milliseconds, and the writer stages more slowly
    /// than the rows are encoded, so it rarely waits after that. Tests set a small one.
    var introductionChunk = 2048
    /// The writer time a staging transaction takes while other writes wait (tests set
    /// another): ``stagingBudget``.
    var budget = SessionMatcher.stagingBudget
    /// The writer time a staging transaction may take while no other write waits
    /// (``Persistence/writesWaiting``): ``idleStagingLimit``.
    var idleBudget = SessionMatcher.idleStagingLimit
    /// The sessions this matcher (and its copies) is matching now.
    let matching = InFlight()

    /// What a run produced.
    struct Outcome: Sendable {
        var session: Session
        var result: MatchingResult
        var excluded: [Exclusion]
        var audienceSize: Int
        /// The tenant's live members as the selection read them, page after page in id order.
        var memberPages: [[Member]]

        /// The same members by id (names for the groups of a preview): built on each use,
        /// read it once (issue 16: not built on the way to the engine).
        var members: [String: Member] { SessionMatcher.byID(memberPages) }
    }

    /// Why a match could not run (the admin API maps these to 404 and 503).
    enum Failure: Error, CustomStringConvertible {
        case sessionNotFound(String)
        case programNotFound(String)
        case busy
        case programArchived(String)
        /// Another request or the scheduler is matching the session now.
        case alreadyMatching(String)

        var description: String {
            switch self {
            case .sessionNotFound(let id): "Session '\(id)' not found."
            case .programNotFound(let id): "The program of session '\(id)' no longer exists."
            case .busy: "The members changed during every matching attempt; retry."
            case .programArchived(let id): "The program of session '\(id)' is archived: its sessions are no longer matched."
            case .alreadyMatching(let id):
                "Session '\(id)' is being matched now, by another request or the scheduler; read it again in a moment."
            }
        }
    }

    /// Previews the matching of session `id` with `seed` (default: the session's own),
    /// saving nothing.
    func preview(session id: String, tenant: Store.TenantID, seed: UInt64?, at date: Date) async throws -> Outcome {
        let prepared = try await Self.prepare(session: id, tenant: tenant, at: date, persistence: persistence)
        return try await Self.offStorage { try Self.run(prepared, seed: seed, at: date) }
    }

    /// Matches session `id` now (opening it first if it is still scheduled) and stores
    /// the result. Throws `SessionError` for a session that is not pending.
    ///
    /// The writer is held only in short transactions (issue 16: a session of 100,000
    /// members held it for seconds, and SCIM writes waited): the history rows and the
    /// introductions are staged in transactions of about ``stagingBudget`` each, invisible until the
    /// last transaction, which checks nothing changed (``canCommit``), stores the session
    /// and its result (encoded beforehand) and opens the introductions' gate. An attempt
    /// that does not commit leaves nothing visible, and the next attempt discards it.
    ///
    /// One match of a session at a time: a second one asked while this process matches
    /// the session is ``Failure/alreadyMatching(_:)`` at once, before the engine runs
    /// (concurrent attempts shared the session's staging: five simultaneous requests gave
    /// one 200 and 500s from a unique constraint). A concurrent match on another instance
    /// meets that constraint, which is the same failure.
    func match(session id: String, tenant: Store.TenantID, at date: Date) async throws -> Outcome {
        let key = tenant.rawValue + "/" + id
        guard matching.sessions.withLock({ $0.insert(key).inserted }) else { throw Failure.alreadyMatching(id) }
        defer { _ = matching.sessions.withLock { $0.remove(key) } }
        do {
            return try await matchAttempts(session: id, tenant: tenant, at: date)
        } catch ResultCode.constraintUnique {
            throw Failure.alreadyMatching(id)
        }
    }

    /// The sessions being matched now, shared by the copies of this matcher (the server
    /// makes one, for its scheduler and its services).
    final class InFlight: Sendable {
        /// As `tenant/id`.
        let sessions = Mutex<Set<String>>([])
    }

    private func matchAttempts(session id: String, tenant: Store.TenantID, at date: Date) async throws -> Outcome {
        let sessionID = SessionID(id)
        let gate = Self.gate(of: sessionID)
        for attempt in 1...3 {
            var stopwatch = MatchPhaseLog.Stopwatch()
            let prepared = try await Self.prepare(session: id, tenant: tenant, at: date, persistence: persistence)
            stopwatch.lap("read")
            // A paused program may still be matched on an admin's explicit request; an
            // archived one is over.
            guard prepared.program.status != .archived else { throw Failure.programArchived(id) }
            let persistence = self.persistence
            let (outcome, session) = try await Self.offStorage {
                let outcome = try Self.run(prepared, seed: nil, at: date)
                var session = outcome.session
                if session.state == .scheduled { session = try SessionTransition.open(session, at: date) }
                session = try SessionTransition.match(session, result: outcome.result, audienceSize: outcome.audienceSize, at: date)
                return (outcome, session)
            }
            stopwatch.lap("engine")
            // What follows the engine runs on both cores (issue 16: the match was one chain,
            // one core idle): the history rows are built first and the writer stages them
            // while another task encodes the introductions a chunk at a time (``IntroductionFeed``),
            // then the notices, the result's stored text and the participants the commit checks.
            // One compact introduction per group (its members' ids: filled in when read or
            // sent; in group order) and a notice to each member left out with priority next
            // time. No "Did you meet?" rows: the deliverer queues a group's when it sends the
            // group's introduction (issue 16: 50,000 rows fewer here). Built off the storage
            // threads, like the engine: this task runs on a reader's queue, and requests
            // queued on that reader (SCIM writes read first) would wait. Encoded there too,
            // each row's key and payload text (issue 16: building them in the staging
            // transactions was more than half of the outbox's staging time).
            let (chunks, sink) = AsyncThrowingStream<[EncodedEvents.Row], any Error>.makeStream()
            let chunk = max(1, introductionChunk)
            async let produced = Self.offStorage {
                Self.introductionRows(outcome.result, session: session, persistence: persistence, chunk: chunk, into: sink)
                return (Self.unmatchedNotices(outcome.result, session: session,
                                              members: prepared.members(outcome.result.priorityNextSession)),
                        try persistence.encode(outcome.result),
                        Held(Set(outcome.result.groups.flatMap(\.members).map(\.rawValue))))
            }
            let (placements, groups) = try await Self.offStorage {
                (GroupPlacement.byMember(outcome.result), HistoryGroup.of(outcome.result, groups: outcome.result.groups.indices))
            }
            stopwatch.lap("history")
            try await persistence.write { db in
                try db.sessions.discardStagedHistory(session: sessionID, tenant: tenant)
                try db.outbox.discardGate(gate, tenant: tenant)
                try db.outbox.closeGate(gate, tenant: tenant)
            }
            let sequence = try await persistence.read { db in try db.sessions.nextMatchSequence(tenant: tenant) }
            stopwatch.lap("discard")
            // Staged in short transactions of about ``stagingBudget`` of the writer each while
            // other writes wait (SCIM writes interleave), up to ``idleStagingLimit`` while none
            // does (``goesOn(after:budget:idleBudget:writesWaiting:)``), none flushed on its
            // own (``Persistence/stage(_:)``: the commit's flush makes them durable with it; a
            // crash before it loses only staged rows, which the next attempt discards anyway),
            // each with consecutive slices of the introductions (group order) and of the
            // members' history rows (member id order): each transaction writes into a narrow
            // range of the member-keyed index instead of into nearly every page of it (issue
            // 16). A transaction stages only the steps whose introductions are encoded already.
            let streams = StagingStreams(placements: placements, groups: groups)
            var feed = IntroductionFeed(chunks.makeAsyncIterator(), chunk: chunk)
            var step = 0, transactions = 0
            let (budget, idleBudget) = (self.budget, self.idleBudget)
            // Where the stage's time goes: waiting for introductions to be encoded, in the
            // writer's transactions (and its queue; their bodies, the history rows' part of
            // them), waiting for the rest of the encoding.
            let clock = ContinuousClock()
            var feedWait = Duration.zero, writer = Duration.zero, bodies = Duration.zero, historyRows = Duration.zero
            while step < streams.steps {
                let first = step
                let waitStart = clock.now
                try await feed.wait(for: streams.slice(first, of: streams.groups.count).upperBound)
                let received = feed.received
                transactions += 1
                let writerStart = clock.now
                feedWait += writerStart - waitStart
                defer { writer += clock.now - writerStart }
                let staged = try await persistence.stage { [unowned streams] db in
                    let clock = ContinuousClock(), start = clock.now
                    var step = first, history = Duration.zero
                    repeat {
                        let historyStart = clock.now
                        try db.sessions.stageHistory(groups: streams.groups[streams.slice(step, of: streams.groups.count)],
                                                     placements: streams.placements[streams.slice(step, of: streams.placements.count)],
                                                     of: session, matchedAt: date, sequence: sequence)
                        history += clock.now - historyStart
                        let rows = received.rows(streams.slice(step, of: streams.groups.count))
                        try db.outbox.append(EncodedEvents(rows: rows), behind: gate, tenant: tenant)
                        step += 1
                    } while step < streams.steps && streams.slice(step, of: streams.groups.count).upperBound <= received.count
                        && Self.goesOn(after: clock.now - start, budget: budget, idleBudget: idleBudget,
                                       writesWaiting: persistence.writesWaiting)
                    return (step, history, clock.now - start)
                }
                step = staged.0
                historyRows += staged.1
                bodies += staged.2
            }
            let producedStart = clock.now
            let (notices, encoded, participants) = try await produced
            let producedWait = clock.now - producedStart
            try await persistence.stage { db in try db.outbox.append(notices, behind: gate, tenant: tenant) }
            stopwatch.lap("stage")
            stopwatch.count("stagingTransactions", transactions)
            stopwatch.count("stagingWriterMs", MatchPhaseLog.Stopwatch.milliseconds(writer))
            stopwatch.count("stagingBodiesMs", MatchPhaseLog.Stopwatch.milliseconds(bodies))
            stopwatch.count("stagingHistoryMs", MatchPhaseLog.Stopwatch.milliseconds(historyRows))
            stopwatch.count("stagingFeedWaitMs", MatchPhaseLog.Stopwatch.milliseconds(feedWait))
            stopwatch.count("stagingEncodeWaitMs", MatchPhaseLog.Stopwatch.milliseconds(producedWait))
            // The members changed since the snapshot are checked in a read first, so that the
            // commit, holding the writer, checks only those changed since that read (issue 16:
            // under continuous provisioning thousands change during a large match).
            // What the checks compare, without the members, the selection and the history.
            var checked = prepared.forCommitCheck
            let first = checked
            let stillValid = try await persistence.read { [unowned participants] db -> Date?? in
                let stamp = try db.members.latestUpdate(tenant: tenant)
                guard try Self.canCommit(participants.value, of: first, tenant: tenant, at: date, in: db) else { return nil }
                return .some(stamp)
            }
            if let stamp = stillValid { checked.membersStamp = stamp ?? prepared.membersStamp }
            stopwatch.lap("precheck")
            let committed = try await persistence.write { [checked, unowned participants] db -> Bool in
                guard stillValid != nil, try Self.canCommit(participants.value, of: checked, tenant: tenant, at: date, in: db) else {
                    return false
                }
                try db.sessions.update(session)
                try db.sessions.saveResult(encoded, of: session)
                try db.outbox.openGate(gate, tenant: tenant, at: date)
                return true
            }
            stopwatch.lap("commit")
            log.record(tenant: tenant.rawValue, session: id, attempt: attempt, committed: committed,
                       groups: outcome.result.groups.count, stopwatch: stopwatch)
            Self.releaseOffStorage((prepared, streams, participants, feed.received))
            if committed {
                var outcome = outcome
                outcome.session = session
                return outcome
            }
        }
        throw Failure.busy
    }

    /// The writer time one staging transaction takes, about: SCIM writes queued behind it
    /// wait no longer (issue 16: their p99 under 50 ms while a session is matched).
    static let stagingBudget: Duration = .milliseconds(10)

    /// The writer time one staging transaction may take while no other write waits for
    /// the writer (issue 16: an idle server staged a 100,000-member match in about 70
    /// commits of 10 ms, each writing the B-trees' last pages to the log again). A write
    /// that arrives meanwhile ends the transaction at its next step.
    static let idleStagingLimit: Duration = .milliseconds(200)

    /// Whether a staging transaction that has run for `elapsed` stages another step: within
    /// `budget` always, past it only while no write waits (`writesWaiting` asked then
    /// only) and within `idleBudget`.
    static func goesOn(after elapsed: Duration, budget: Duration, idleBudget: Duration,
                       writesWaiting: @autoclosure () -> Bool) -> Bool {
        elapsed < budget || (elapsed < idleBudget && !writesWaiting())
    }

    /// What a match stages before its commit, cut into ``steps`` of about
    /// ``groupsPerStep`` groups: step `i` is the `i`-th of `steps` nearly equal consecutive
    /// slices of each stream, so a transaction that stages steps `i..<j` writes a
    /// proportional part of each. The introductions (one per group, in group order) are
    /// cut like ``groups`` and arrive meanwhile (``IntroductionFeed``).
    /// A class: the staging closures capture it `unowned` (``Held``).
    final class StagingStreams: Sendable {
        let placements: [GroupPlacement]
        /// The history's group rows, in group order.
        let groups: [HistoryGroup]
        let steps: Int

        /// Groups per step: small enough that a step fits well within the budget.
        static let groupsPerStep = 32

        init(placements: [GroupPlacement], groups: [HistoryGroup]) {
            self.placements = placements
            self.groups = groups
            steps = max(1, (groups.count + Self.groupsPerStep - 1) / Self.groupsPerStep)
        }

        /// Step `index`'s slice of a stream of `total` items.
        func slice(_ index: Int, of total: Int) -> Range<Int> {
            (total * index / steps)..<(total * (index + 1) / steps)
        }
    }

    /// The outbox gate a session's introductions wait behind until its match commits.
    static func gate(of session: SessionID) -> String { "match:\(session.rawValue)" }

    // MARK: - Steps

    /// Runs CPU-heavy `work` on the global concurrent executor: request handlers run on
    /// the readers' queues (``SQLiteDatabase/readerTaskExecutor``), where a matching run
    /// of seconds would hold up every read queued behind it.
    static func offStorage<T: Sendable>(_ work: @Sendable () throws -> T) async throws -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { try work() }
    }

    static func run(_ prepared: Prepared, seed: UInt64?, at date: Date) throws -> Outcome {
        guard prepared.session.state.isPending else {
            throw SessionError.illegalTransition(from: prepared.session.state, action: .match)
        }
        let input = prepared.selection.matchingInput(configuration: prepared.program.matching, history: prepared.history,
                                                     priority: prepared.priority, seed: seed ?? prepared.session.derivedSeed)
        let result = MatchingEngine.run(input)
        return Outcome(session: prepared.session, result: result, excluded: prepared.selection.excluded,
                       audienceSize: prepared.selection.audienceSize, memberPages: prepared.memberPages)
    }

    /// Whether `outcome`, computed from `prepared`, may be committed as it is: the session,
    /// the program preferences and (for a group audience) the groups are as the snapshot
    /// read them, and no participant changed since in a way that makes it ineligible
    /// (deactivated, deprovisioned, unsubscribed, snoozed). Members created or changed
    /// since who are not participants wait for the next session: under continuous
    /// provisioning a session is still matched (a whole-tenant fingerprint changed on
    /// every attempt, and the match failed with 503 after three).
    static func canCommit(_ outcome: Outcome, of prepared: Prepared, tenant: Store.TenantID, at date: Date,
                          in db: any StorageTransaction) throws -> Bool {
        try canCommit(Set(outcome.result.groups.flatMap(\.members).map(\.rawValue)), of: prepared, tenant: tenant, at: date, in: db)
    }

    /// ``canCommit(_:of:tenant:at:in:)`` with the result's `participants` (member ids)
    /// gathered beforehand, outside the transaction.
    static func canCommit(_ participants: Set<String>, of prepared: Prepared, tenant: Store.TenantID, at date: Date,
                          in db: any StorageTransaction) throws -> Bool {
        let fingerprint = try db.sessions.selectionFingerprint(tenant: tenant, session: prepared.session.id,
                                                               includingGroups: prepared.program.audience.dependsOnGroups)
        guard fingerprint == prepared.fingerprint else { return false }
        // issue 14 (connectors): a program bound to a connection (a Teams team). A leaver's
        // link turns inactive without the member changing, so every participant must still
        // be kept by that connection.
        if case .connection(let connection) = prepared.program.audience {
            let kept = try activeSources(tenant: tenant, in: db)
            guard participants.allSatisfy({ kept[MemberID($0)]?.contains(connection) == true }) else { return false }
        }
        guard let since = prepared.membersStamp else { return true }
        for member in try db.members.updated(since: since, tenant: tenant) where participants.contains(member.id.rawValue) {
            guard member.lifecycle == .live, Eligibility.of(member, at: date).isEligible else { return false }
        }
        return true
    }

    /// What the introductions name besides the members: the categories the rules read
    /// (labels from the tenant's catalog) and the tenant's time zone, read with the snapshot.
    static func introductionContext(rules: [MatchingRule], tenant: Store.TenantID,
                                    in db: any StorageTransaction) throws -> IntroductionContext {
        let settings = try db.settings.settings(tenant: tenant)
        return IntroductionContext(rules: RuleCategories(rules: rules, catalog: try db.categories.catalog(tenant: tenant)),
                                   tenantTimeZone: settings.timeZoneIdentifier)
    }
}
