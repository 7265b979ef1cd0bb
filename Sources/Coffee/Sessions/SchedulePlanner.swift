import Foundation

/// Decides, as a pure function of the programs, their sessions and `now`, what the
/// scheduler must do. The plan holds only what is due and not yet done, so running it
/// again over the state it produced yields nothing: each action happens exactly once.
///
/// For each program, in id order:
/// - **archived**: its pending (`scheduled` or `open`) sessions are cancelled.
/// - **draft, paused**: nothing; pending sessions wait (a paused program's overdue
///   session is matched once when it is resumed).
/// - **active**:
///   1. Pending sessions whose match time has come (`matchAt ≤ now`) are *overdue*.
///      The latest is opened if still `scheduled`, then matched; any older ones are
///      cancelled as ``CancellationReason/superseded``.
///   2. Pending sessions still to come are opened once `opensAt ≤ now`.
///   3. When no pending session is still to come, the next one is created: for a
///      recurring schedule at the first match time after both `now` and the latest
///      existing session's match time; for a one-time schedule at its date, only if
///      the program has no session yet. A match time already used by a session of the
///      program (in any state, cancelled included) is never used again: the match time
///      is the session's natural key (``SessionID/init(programID:matchAt:)``). The new
///      session is opened in the same plan when its `opensAt` has passed (and, for an
///      overdue one-time session, matched).
///
/// **Catch-up after downtime** (a decision): missed rounds are not replayed. If the
/// server was down for three weeks over a weekly program, the overdue session is
/// matched once, late, with the members as they are now, and the next session is
/// scheduled at the first match time after now; the weeks in between get no session.
/// Replaying them would send several introductions at once for meetings that were
/// due weeks ago.
public enum SchedulePlanner {
    /// The actions due at `now`. Sessions of unknown programs or of another tenant
    /// than their program's are ignored.
    public static func plan(programs: [Program], sessions: [Session], now: Date) -> [ScheduledAction] {
        var sessionsByProgram: [ProgramID: [Session]] = [:]
        for session in sessions { sessionsByProgram[session.programID, default: []].append(session) }
        var actions: [ScheduledAction] = []
        for program in programs.sorted(by: { $0.id < $1.id }) {
            let own = (sessionsByProgram[program.id] ?? [])
                .filter { $0.tenantID == program.tenantID }
                .sorted { ($0.matchAt, $0.id) < ($1.matchAt, $1.id) }
            actions.append(contentsOf: plan(program: program, sessions: own, now: now))
        }
        return actions
    }

    /// The actions for one program; `sessions` are its own, sorted by match time.
    static func plan(program: Program, sessions: [Session], now: Date) -> [ScheduledAction] {
        let pending = sessions.filter { $0.state.isPending }
        switch program.status {
        case .archived:
            return pending.map { .cancel($0.id, reason: .programArchived) }
        case .draft, .paused:
            return []
        case .active:
            break
        }
        var actions: [ScheduledAction] = []
        let overdue = pending.filter { $0.matchAt <= now }
        if let latest = overdue.last {
            for session in overdue.dropLast() { actions.append(.cancel(session.id, reason: .superseded)) }
            actions.append(contentsOf: dueActions(for: latest, now: now))
        }
        let upcoming = pending.filter { $0.matchAt > now }
        for session in upcoming { actions.append(contentsOf: dueActions(for: session, now: now)) }
        guard upcoming.isEmpty, let matchAt = nextMatchTime(of: program, after: sessions, now: now) else {
            return actions
        }
        let created = Session.scheduled(for: program, matchAt: matchAt, at: now)
        actions.append(.create(created))
        actions.append(contentsOf: dueActions(for: created, now: now))
        return actions
    }

    /// The sessions a change of `previous`'s schedule to `next`'s leaves behind, to
    /// supersede before planning `next` (``SessionRepository/replanSessions(from:to:tenant:at:)``):
    /// of an active or paused program, each session still `scheduled` and to come, at a match time the
    /// old schedule gave and the new one does not. Before, such a session stayed and was
    /// matched at the old time while the program showed the new one. A session an admin
    /// added at another time is kept, and so is an open one: members may have opted in.
    public static func superseded(byScheduleOf next: Program, previous: Program, sessions: [Session], now: Date) -> [SessionID] {
        guard next.status == .active || next.status.isPaused, next.schedule != previous.schedule else { return [] }
        return sessions.filter { session in
            session.state == .scheduled && session.matchAt > now
                && gives(previous.schedule, session.matchAt) && !gives(next.schedule, session.matchAt)
        }.map(\.id)
    }

    /// Whether `schedule` has a match at `date`.
    private static func gives(_ schedule: Schedule, _ date: Date) -> Bool {
        schedule.nextMatchTime(after: date.addingTimeInterval(-0.001)) == date
    }

    /// Open if `scheduled` and `opensAt ≤ now`; match if `matchAt ≤ now`.
    private static func dueActions(for session: Session, now: Date) -> [ScheduledAction] {
        var actions: [ScheduledAction] = []
        if session.state == .scheduled, session.opensAt <= now || session.matchAt <= now {
            actions.append(.open(session.id))
        }
        if session.matchAt <= now { actions.append(.match(session.id)) }
        return actions
    }

    /// The match time of the program's next session, or `nil` when none is due (a
    /// one-time program that already has its session, an exhausted or invalid
    /// schedule, or a match time already taken).
    private static func nextMatchTime(of program: Program, after sessions: [Session], now: Date) -> Date? {
        let matchAt: Date?
        switch program.schedule {
        case .once(let at, _):
            matchAt = sessions.isEmpty ? at : nil
        case .recurring:
            // A session superseded (by a schedule change, ``superseded(byScheduleOf:previous:sessions:now:)``)
            // does not push the next one past its time.
            let latest = sessions.last { $0.cancellationReason != .superseded }.map { max($0.matchAt, now) } ?? now
            matchAt = program.schedule.nextMatchTime(after: latest)
        }
        guard let matchAt, !sessions.contains(where: { $0.matchAt == matchAt }) else { return nil }
        return matchAt
    }
}
