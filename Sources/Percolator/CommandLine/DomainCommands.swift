import Coffee
import FoundationEssentials
import Glibc
import Store

/// `percolator members list` and `percolator session run`: the admin API's code, run
/// against the database file (WAL lets them run beside a live server).
enum DomainCommands {
    static func listMembers(store: SQLiteStore, tenant: Store.TenantID, arguments: ParsedArguments,
                            invocation: String) async throws -> Int32 {
        var query = MemberQuery()
        if let text = arguments.options["lifecycle"] {
            guard let lifecycle = Lifecycle(rawValue: text) else {
                ConsoleOutput.standardError("\(invocation): --lifecycle must be live, deprovisioned or purged.\n")
                return 64
            }
            query.lifecycle = lifecycle
        }
        if let text = arguments.options["status"] {
            guard ["pending", "active", "inactive"].contains(text) else {
                ConsoleOutput.standardError("\(invocation): --status must be pending, active or inactive.\n")
                return 64
            }
            query.localStatus = text
        }
        query.text = arguments.options["q"]
        let filter = query
        var after: Int64 = 0
        let now = Date()
        while true {
            let cursor = after
            let page = try await store.database.read { db in
                try MemberRecords.page(tenant: tenant, matching: filter, after: cursor, limit: 1_000, in: db)
            }
            for (_, member) in page {
                let eligible = Eligibility.of(member, at: now).isEligible ? "eligible" : "not-eligible"
                let status = switch member.localStatus {
                case .pending: "pending"
                case .active: "active"
                case .inactive(let reason): "inactive(\(reason.rawValue))"
                }
                ConsoleOutput.standardOutput([member.id.rawValue, member.userName, member.givenName, member.familyName,
                                              member.primaryEmail?.rawValue ?? "", member.source.rawValue,
                                              member.lifecycle.rawValue, member.idpActive ? "idp-active" : "idp-inactive",
                                              status, eligible].joined(separator: "\t") + "\n")
            }
            guard page.count == 1_000, let last = page.last else { break }
            after = last.seq
        }
        return 0
    }

    static func runSession(store: SQLiteStore, tenant: Store.TenantID, program reference: String,
                           invocation: String) async throws -> Int32 {
        let programs = try await store.database.read { db in try ProgramRecords.programs(tenant: tenant, in: db) }
        guard let program = programs.first(where: { $0.id.rawValue == reference })
                ?? programs.first(where: { $0.name.lowercased() == reference.lowercased() }) else {
            ConsoleOutput.standardError("\(invocation): no program '\(reference)' (by id or name) in this tenant.\n")
            return 1
        }
        let batcher = WriteBatcher(database: store.database)
        let now = Date()
        let sessions = try await store.database.read { db in
            try SessionRecords.sessions(program: program.id.rawValue, tenant: tenant, in: db)
        }
        var session = sessions.first { $0.state.isPending }
        if session == nil {
            let created = Session.scheduled(for: program, matchAt: now, at: now)
            _ = try await batcher.write { db in try SessionRecords.insert(created, in: db) }
            session = created
        }
        guard let session else { return 1 }
        let matcher = SessionMatcher(database: store.database, batcher: batcher)
        let outcome = try await matcher.match(session: session.id.rawValue, tenant: tenant, at: now)
        let statistics = outcome.result.statistics
        ConsoleOutput.standardOutput("""
            matched session \(outcome.session.id) of '\(program.name)'
            participants \(outcome.result.groups.reduce(0) { $0 + $1.members.count }) in \(outcome.result.groups.count) groups, \
            unmatched \(outcome.result.unmatched.count), excluded \(outcome.excluded.count)
            repeats inside the window \(statistics.repeatsInsideWindow), seed \(outcome.result.seed), \
            engine \(outcome.result.engineVersion), \(statistics.elapsed)

            """)
        return 0
    }
}

extension DomainCommands {
    /// `percolator members import FILE [--map …] [--apply] [--welcome]`: the import
    /// endpoint's code on the database file; prints the report (rows with issues only)
    /// as JSON. Exit 0 when the plan is applicable (and applied with `--apply`), 1 when
    /// it has errors (nothing written), 64 for a bad `--map`.
    static func importMembers(store: SQLiteStore, tenant: Store.TenantID, arguments: ParsedArguments,
                              invocation: String) async throws -> Int32 {
        let file = arguments.positionals[0]
        guard let handle = fopen(file, "rb") else {
            ConsoleOutput.standardError("\(invocation): cannot read '\(file)'.\n")
            return 1
        }
        var csv: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            csv += buffer[0..<count]
        }
        fclose(handle)
        let catalog = try await store.database.read { db in try CategoryRecords.catalog(tenant: tenant, in: db) }
        var query: [(name: String, value: String)] = []
        for item in (arguments.options["map"] ?? "").split(separator: ",") where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                ConsoleOutput.standardError("\(invocation): --map takes HEADER=TARGET pairs separated by commas; '\(item)' is not one.\n")
                return 64
            }
            // A category's key or label stands for `category:<key>`.
            let target = catalog.category(named: parts[1]).map { "category:\($0.key.rawValue)" } ?? parts[1]
            query.append((ImportColumnChoices.prefix + parts[0], target))
        }
        let request: CSVImportService.Request
        do {
            request = CSVImportService.Request(csv: csv, columns: try ImportColumnChoices(query: query),
                                               sendsWelcomeEmail: arguments.flags.contains("welcome"))
        } catch {
            ConsoleOutput.standardError("\(invocation): \(error.detail)\n")
            return 64
        }
        let outcome: CSVImportService.Outcome
        let dryRun = !arguments.flags.contains("apply")
        if dryRun {
            let plan = try await store.database.read { db in try CSVImportService.dryRun(request, tenant: tenant, in: db) }
            outcome = CSVImportService.Outcome(plan: plan, applied: false)
        } else {
            let now = Date()
            outcome = try await WriteBatcher(database: store.database).write { db in
                try CSVImportService.apply(request, tenant: tenant, at: now, in: db)
            }
        }
        ConsoleOutput.standardOutput(ImportReport.json(outcome, dryRun: dryRun, rows: .issues).encodedString(layout: .prettyPrinted) + "\n")
        return outcome.plan.isApplicable ? 0 : 1
    }
}
