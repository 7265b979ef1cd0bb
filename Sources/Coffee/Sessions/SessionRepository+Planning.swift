import FoundationEssentials

extension SessionRepository {
    /// Plans `program`'s sessions at `now` inside the caller's write transaction (issue
    /// 16: after activating a program its sessions list stayed empty until the next
    /// scheduler tick): what ``SchedulePlanner`` finds due is created and, when due,
    /// opened; matching and cancelling are left to the scheduler, outside a request.
    /// Returns each step taken as (`created` or `opened`, session id), for the log.
    public func planSessions(of program: Program, tenant: TenantID, at now: Date) throws -> [(action: String, session: String)] {
        let existing = try sessionsToPlan(tenant: tenant, program: program.id)
        var done: [(action: String, session: String)] = []
        for action in SchedulePlanner.plan(programs: [program], sessions: existing, now: now) {
            switch action {
            case .create(let created):
                guard try insert(created) else { continue }
                done.append(("created", created.id.rawValue))
            case .open(let id):
                guard let stored = try session(id: id, tenant: tenant), stored.state == .scheduled else { continue }
                try update(try SessionTransition.open(stored, at: now))
                done.append(("opened", id.rawValue))
            case .match, .cancel:
                continue
            }
        }
        return done
    }

    /// Replans `next`'s sessions (active or paused) after an edit of `previous` changed its schedule,
    /// inside the caller's write transaction: the sessions the change leaves behind
    /// (``SchedulePlanner/superseded(byScheduleOf:previous:sessions:now:)``) are cancelled as
    /// superseded, then the next session is planned on the new schedule
    /// (``planSessions(of:tenant:at:)``). Returns each step taken, for the log.
    public func replanSessions(from previous: Program, to next: Program, tenant: TenantID,
                               at now: Date) throws -> [(action: String, session: String)] {
        let existing = try sessionsToPlan(tenant: tenant, program: next.id)
        var done: [(action: String, session: String)] = []
        for id in SchedulePlanner.superseded(byScheduleOf: next, previous: previous, sessions: existing, now: now) {
            guard let stored = try session(id: id, tenant: tenant), stored.state == .scheduled else { continue }
            try update(try SessionTransition.cancel(stored, reason: .superseded, at: now))
            done.append(("superseded", id.rawValue))
        }
        return done + (try planSessions(of: next, tenant: tenant, at: now))
    }
}
