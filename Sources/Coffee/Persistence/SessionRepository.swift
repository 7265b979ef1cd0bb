import FoundationEssentials

/// Sessions, their matching results, and the history of who met whom.
public protocol SessionRepository {
    /// The session `id` of `tenant`, or `nil`.
    func session(id: SessionID, tenant: TenantID) throws -> Session?
    /// The sessions of program `id`, by match time.
    func sessions(program id: ProgramID, tenant: TenantID) throws -> [Session]
    /// A page of program `id`'s sessions by match time, those matching after `date` when
    /// given (a program has one session per matching instant, so the last one's match
    /// time is where the next page starts), along `sessions_by_program`: at most `limit`,
    /// and no further once their stored JSON would pass `maxBytes` (the first is always
    /// read). Each session holds its opt-ins and opt-outs: a page of 100 sessions of a
    /// 50,000-member opt-in program would be hundreds of megabytes decoded.
    func sessions(program id: ProgramID, tenant: TenantID, matchingAfter date: Date?, limit: Int,
                  maxBytes: Int) throws -> ProgramSessionPage
    /// Program `id`'s next pending session (scheduled or open) matching after `date`, the
    /// earliest: what a member takes part in or skips. Reads that session, not the
    /// program's history (each past session holds its opt-ins and opt-outs). In a write
    /// transaction it is read for update, as ``session(id:tenant:)``.
    func nextSession(program id: ProgramID, tenant: TenantID, after date: Date) throws -> Session?
    /// Every session of the tenant, by match time.
    func sessions(tenant: TenantID) throws -> [Session]
    /// Program `id`'s sessions as a list shows them, by match time then id: their JSON
    /// (opt-ins, opt-outs, snapshot) is not read.
    func listing(program id: ProgramID, tenant: TenantID) throws -> [SessionListing]
    /// Program `id`'s last `count` matched (or closed) sessions, oldest first, by match time
    /// then id: what its statistics count (``ProgramStatistics/counted(_:last:)``), without
    /// reading the others.
    func matchedSessions(program id: ProgramID, tenant: TenantID, last count: Int) throws -> [Session]
    /// The tenant's pending sessions (scheduled or open), by match time: what is coming,
    /// without the past sessions and their opt-ins.
    func pendingSessions(tenant: TenantID) throws -> [Session]
    /// What ``SchedulePlanner`` reads of the tenant's sessions, or of program `program`'s
    /// when given: every pending session (scheduled or open) and each program's latest
    /// (by match time, then id), by match time. The planner's plan over them is its plan
    /// over every session: it acts on pending sessions only and places a new session after
    /// the latest. The others, each with its opt-ins and opt-outs, are not read; all of
    /// them were read every tick and on every program change.
    func sessionsToPlan(tenant: TenantID, program: ProgramID?) throws -> [Session]
    /// Inserts a new session; `false` when the round exists already (same id).
    func insert(_ session: Session) throws -> Bool
    /// Replaces a stored session with its next state.
    func update(_ session: Session) throws
    /// Stores a matched session's result and its groups' members (the history), stamped
    /// with when it was actually matched (the snapshot's `matchedAt`, not the scheduled
    /// `matchAt`) and the next number in the tenant's order of matching.
    func saveResult(_ result: MatchingResult, of session: Session) throws
    /// Stores a result encoded beforehand (``Persistence/encode(_:)``); its history rows
    /// are written with ``stageHistory(groups:placements:of:matchedAt:sequence:)``.
    func saveResult(_ result: EncodedMatchingResult, of session: Session) throws
    /// The next number in the tenant's order of matching.
    func nextMatchSequence(tenant: TenantID) throws -> Int
    /// Writes history rows of a result about to be committed, and the session's place in
    /// the order of matching: the group rows `groups` — one row per group, its members in
    /// one column (issue 16; what ``history(program:tenant:sessions:excluding:)`` reads) —
    /// and the member rows `placements` (what finds a member's groups:
    /// ``groups(of:tenant:limit:)``, ``markUnavailable(member:tenant:)``). Both in any order
    /// and any split (see ``GroupPlacement/byMember(_:)``), either may be empty, and one
    /// call's groups and placements need not be the same groups. They count only once the
    /// session is matched, so a large result's rows are written in several short
    /// transactions before the one that commits the session; the session's row is written
    /// once per call (it was once per kind of row: twice per staging step of a match).
    func stageHistory(groups: some Collection<HistoryGroup>, placements: some Collection<GroupPlacement>,
                      of session: Session, matchedAt: Date, sequence: Int) throws
    /// Deletes the history rows of session `id`, which is not matched: what an attempt
    /// that did not commit left.
    func discardStagedHistory(session id: SessionID, tenant: TenantID) throws
    /// The groups member `member` was matched in, most recently matched first, at most
    /// `limit` (committed sessions only).
    func groups(of member: MemberID, tenant: TenantID, limit: Int) throws -> [MatchedGroup]
    /// A matched session's result, or `nil`.
    func result(session id: SessionID, tenant: TenantID) throws -> MatchingResult?
    /// The result of program `id`'s session matched last, in the tenant's order of
    /// matching (whatever the sessions' scheduled times), or `nil` before its first match:
    /// whom the next session gives priority to. No session is read for it.
    func latestResult(program id: ProgramID, tenant: TenantID) throws -> MatchingResult?
    /// The members of a matched session marked unavailable since (deprovisioned).
    func unavailableMembers(session id: SessionID, tenant: TenantID) throws -> Set<String>
    /// Marks `memberID` unavailable in every matched session it took part in.
    func markUnavailable(member memberID: MemberID, tenant: TenantID) throws
    /// The groups of the last `count` sessions matched, most recently matched first, in
    /// the order they were actually matched (whatever their scheduled times): of program
    /// `programID`, or of every program of the tenant when it is `nil`. `excluding` is the
    /// session about to be matched, never its own history.
    func history(program programID: ProgramID?, tenant: TenantID, sessions count: Int,
                 excluding sessionID: SessionID?) throws -> [[[ParticipantID]]]
    /// What a session's participant selection depends on besides its members, as one
    /// text that changes when any of it does: the session itself, the number of program
    /// preferences, and — `includingGroups` — the tenant's latest group change. A matcher
    /// compares it before committing a result computed from an earlier read (members are
    /// checked one by one: ``MemberRepository/updated(since:tenant:)``).
    func selectionFingerprint(tenant: TenantID, session id: SessionID, includingGroups: Bool) throws -> String
}

extension SessionRepository {
    /// ``history(program:tenant:sessions:excluding:)`` excluding no session.
    public func history(program programID: ProgramID?, tenant: TenantID, sessions count: Int) throws -> [[[ParticipantID]]] {
        try history(program: programID, tenant: tenant, sessions: count, excluding: nil)
    }
}

extension SessionRepository {
    /// Writes the history rows of `groups` of a result about to be committed, its group rows
    /// and its member rows (see ``stageHistory(groups:placements:of:matchedAt:sequence:)``).
    public func stageHistory(_ result: MatchingResult, groups: Range<Int>, of session: Session, matchedAt: Date,
                             sequence: Int) throws {
        try stageHistory(groups: HistoryGroup.of(result, groups: groups), placements: GroupPlacement.of(result, groups: groups),
                         of: session, matchedAt: matchedAt, sequence: sequence)
    }
}
