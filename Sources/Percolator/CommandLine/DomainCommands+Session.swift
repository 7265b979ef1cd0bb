import Coffee
import FoundationEssentials
import Store

/// `percolator session run PROGRAM` and `percolator session show SESSION`.
extension DomainCommands {
    /// Matches the program's next pending session now (or a new one-off session) and
    /// prints it as `session show` does, with the engine's time.
    static func runSession(storage: any StorageBackend, tenant: Store.TenantID, program reference: String,
                           invocation: String) async throws -> Int32 {
        let programs = try await storage.persistence().read { db in try db.programs.programs(tenant: tenant) }
        guard let program = programs.first(where: { $0.id.rawValue == reference })
                ?? programs.first(where: { $0.name.lowercased() == reference.lowercased() }) else {
            ConsoleOutput.standardError("\(invocation): no program '\(reference)' (by id or name) in this tenant.\n")
            return 1
        }
        let persistence = storage.persistence()
        let now = Date()
        // The tenant's pending sessions only (a few per program), not the program's past
        // ones with their opt-ins.
        var session = try await storage.persistence().read { db in
            try db.sessions.pendingSessions(tenant: tenant).first { $0.programID == program.id }
        }
        if session == nil {
            let created = Session.scheduled(for: program, matchAt: now, at: now)
            _ = try await persistence.write { db in try db.sessions.insert(created) }
            session = created
        }
        guard let session else { return 1 }
        let matcher = SessionMatcher(persistence: persistence)
        let outcome = try await matcher.match(session: session.id.rawValue, tenant: tenant, at: now)
        ConsoleOutput.standardOutput(text(outcome.session, program: program, result: outcome.result, members: outcome.members,
                                          unavailable: []))
        return 0
    }

    /// Prints a session (by id): its state and times and, once matched, its groups with
    /// the members' names and emails, the unmatched members and the statistics.
    static func showSession(storage: any StorageBackend, tenant: Store.TenantID, session id: String,
                            invocation: String) async throws -> Int32 {
        let found = try await storage.persistence().read { db -> (Session, Program?, MatchingResult?, Set<String>, [String: Member])? in
            guard let session = try db.sessions.session(id: SessionID(id), tenant: tenant) else { return nil }
            let program = try db.programs.program(id: session.programID, tenant: tenant)
            let result = try db.sessions.result(session: SessionID(id), tenant: tenant)
            var members: [String: Member] = [:]
            for memberID in (result?.groups.flatMap(\.members) ?? []) + (result?.unmatched.map(\.id) ?? []) {
                members[memberID.rawValue] = try db.members.member(id: MemberID(memberID.rawValue), tenant: tenant)
            }
            return (session, program, result, try db.sessions.unavailableMembers(session: SessionID(id), tenant: tenant), members)
        }
        guard let (session, program, result, unavailable, members) = found else {
            ConsoleOutput.standardError("\(invocation): no session '\(id)' in this tenant (see GET /api/v1/programs/{id}/sessions).\n")
            return 1
        }
        ConsoleOutput.standardOutput(text(session, program: program, result: result, members: members, unavailable: unavailable))
        return 0
    }

    /// A session as text: a headline, then the groups and unmatched members as tables.
    static func text(_ session: Session, program: Program?, result: MatchingResult?, members: [String: Member],
                     unavailable: Set<String>) -> String {
        var text = "session \(session.id) of '\(program?.name ?? session.programID.rawValue)': \(session.state.rawValue)\n"
        text += "scheduled for \(AdminJSON.date(session.matchAt)?.stringValue ?? "")"
        if let matchedAt = session.match?.matchedAt { text += ", matched at \(AdminJSON.date(matchedAt)?.stringValue ?? "")" }
        text += "\n"
        guard let result else { return text + "no groups yet\n" }
        let statistics = result.statistics
        text += """
            participants \(result.groups.reduce(0) { $0 + $1.members.count }) in \(result.groups.count) groups, \
            unmatched \(result.unmatched.count), repeats inside the window \(statistics.repeatsInsideWindow), \
            seed \(result.seed), engine \(result.engineVersion) in \(ReadableDuration.text(statistics.elapsed))

            """
        for rate in statistics.ruleSatisfaction {
            text += "rule \(rate.ruleIndex + 1) (\(ProgramJSON.ruleJSON(rate.rule)[attribute: "type"]?.stringValue ?? "")): "
                + "\(rate.satisfiedPairs) of \(rate.applicablePairs) pairs\n"
        }
        func person(_ id: ParticipantID) -> String {
            guard let member = members[id.rawValue] else { return id.rawValue }
            let email = member.primaryEmail.map { " <\($0.rawValue)>" } ?? ""
            return name(of: member) + email + (unavailable.contains(id.rawValue) ? " (unavailable)" : "")
        }
        var groups = TextTable(header: ["GROUP", "SCORE", "MEMBERS"])
        for (number, group) in result.groups.enumerated() {
            groups.rows.append([String(number + 1), String(group.score), group.members.map(person).joined(separator: ", ")])
        }
        text += "\n" + groups.rendered
        if !result.unmatched.isEmpty {
            var unmatched = TextTable(header: ["UNMATCHED", "REASON"])
            for entry in result.unmatched { unmatched.rows.append([person(entry.id), SessionJSON.reason(entry.reason)]) }
            text += "\n" + unmatched.rendered
        }
        return text
    }
}
