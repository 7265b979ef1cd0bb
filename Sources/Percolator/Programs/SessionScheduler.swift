import Coffee
import FoundationEssentials
import Store

/// The in-process scheduler: on every tick it asks ``SchedulePlanner`` what is due for
/// each tenant's programs — sessions to create, open, match or cancel — and applies each
/// action in its own transaction.
///
/// Everything it knows is in the database, so it survives restarts: after downtime the
/// next tick catches up on what was due (the planner matches an overdue round once and
/// cancels the rounds it superseded). Each action is idempotent — a session's id is its
/// program and match time, so creating it twice inserts nothing; opening or matching
/// re-checks the state inside the write — so two ticks racing, or a crash between an
/// action and the next, never run a round twice.
///
/// Every action taken is logged (``SchedulerLog``). Activating or resuming a program
/// does not wait for a tick: `SessionRepository.planSessions` creates (and opens, when due)
/// its next session in the activation's own transaction, logged the same way.
struct SessionScheduler: Sendable {
    /// Where programs and sessions are read and written.
    let persistence: any Persistence
    let matcher: SessionMatcher
    var log: SchedulerLog = .standardError

    /// One tick at `now`; returns what was done, for the log and tests.
    @discardableResult
    func tick(at now: Date) async throws -> [String] {
        var done: [String] = []
        let tenants = try await persistence.read { db in try db.programs.tenantsWithPrograms() }
        for tenant in tenants {
            let (programs, sessions) = try await persistence.read { db in
                (try db.programs.programs(tenant: tenant), try db.sessions.sessionsToPlan(tenant: tenant, program: nil))
            }
            for action in SchedulePlanner.plan(programs: programs, sessions: sessions, now: now) {
                if let step = try await apply(action, tenant: tenant, at: now) {
                    done.append(step.text)
                    log.record(tenant: tenant.rawValue, action: step.action, session: step.session, detail: step.detail,
                               trigger: "tick")
                }
            }
        }
        return done
    }

    /// One action taken: `created`, `opened`, `cancelled` or `matched`, the session, and
    /// for a match the number of groups.
    struct Step: Sendable {
        var action: String
        var session: String
        var detail: String?
        /// `matched <session>: 3 groups`, as ``tick(at:)`` returns it.
        var text: String { detail.map { "\(action) \(session): \($0)" } ?? "\(action) \(session)" }
    }

    private func apply(_ action: ScheduledAction, tenant: Store.TenantID, at now: Date) async throws -> Step? {
        switch action {
        case .create(let session):
            let inserted = try await persistence.write { db in try db.sessions.insert(session) }
            return inserted ? Step(action: "created", session: session.id.rawValue) : nil
        case .open(let id):
            return try await transition(id, tenant: tenant) { session throws(SessionError) in
                session.state == .scheduled ? try SessionTransition.open(session, at: now) : nil
            }.map { Step(action: "opened", session: $0) }
        case .cancel(let id, let reason):
            return try await transition(id, tenant: tenant) { session throws(SessionError) in
                session.state.isPending ? try SessionTransition.cancel(session, reason: reason, at: now) : nil
            }.map { Step(action: "cancelled", session: $0, detail: reason.rawValue) }
        case .match(let id):
            do {
                let outcome = try await matcher.match(session: id.rawValue, tenant: tenant, at: now)
                return Step(action: "matched", session: id.rawValue, detail: "\(outcome.result.groups.count) groups")
            } catch is SessionError {
                // Matched or cancelled by someone else since the plan was made.
                return nil
            }
        }
    }

    /// Applies `change` to the stored session when it returns a new one.
    private func transition(_ id: SessionID, tenant: Store.TenantID,
                            _ change: @escaping @Sendable (Session) throws(SessionError) -> Session?) async throws -> String? {
        try await persistence.write { db -> String? in
            guard let session = try db.sessions.session(id: id, tenant: tenant),
                  let next = try change(session) else { return nil }
            try db.sessions.update(next)
            return id.rawValue
        }
    }
}
