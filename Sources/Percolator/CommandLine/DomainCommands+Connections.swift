import Coffee
import FoundationEssentials
import Store

/// `percolator connections list` and `percolator connections run CONNECTION`: a tenant's
/// member sources and "run now", through the same ``ConnectionService`` as
/// `/api/v1/connections` and the console's Sources page (for a shell or a cron job; the
/// server's scheduler runs them on their schedule anyway).
extension DomainCommands {
    /// Prints the tenant's connections: id, name, kind, the credential's last four
    /// characters, the next scheduled run and how the last run ended.
    static func listConnections(service: ConnectionService, tenant: Store.TenantID, invocation: String) async throws -> Int32 {
        let connections = try await service.connections(tenant: tenant)
        guard !connections.isEmpty else {
            ConsoleOutput.standardError("\(invocation): no connection in this tenant (create one with POST /api/v1/connections or on the console's Sources page).\n")
            return 0
        }
        var table = TextTable(header: ["ID", "NAME", "KIND", "CREDENTIAL", "NEXT RUN", "LAST RUN"])
        for connection in connections {
            let last = try await service.runs(connection.id, tenant: tenant, limit: 1).first
            table.rows.append([connection.id.rawValue, connection.name, connection.kind.rawValue, "…" + connection.credentialHint,
                               connection.nextRunAt.map(timestamp) ?? "on demand", last.map(text) ?? "never"])
        }
        ConsoleOutput.standardOutput(table.rendered)
        return 0
    }

    /// Runs the connection named by id or name now and prints how the run ended; exit
    /// status 1 when it failed (nothing changed) or another run holds the connection.
    static func runConnection(service: ConnectionService, tenant: Store.TenantID, reference: String,
                              invocation: String) async throws -> Int32 {
        let connections = try await service.connections(tenant: tenant)
        guard let connection = connections.first(where: { $0.id.rawValue == reference })
                ?? connections.first(where: { $0.name.lowercased() == reference.lowercased() }) else {
            ConsoleOutput.standardError("\(invocation): no connection '\(reference)' (by id or name) in this tenant. See 'percolator connections list'.\n")
            return 1
        }
        let run = try await service.run(connection.id, tenant: tenant, at: Date())
        ConsoleOutput.standardOutput("\(connection.name): \(text(run))\n")
        return run.outcome == .succeeded ? 0 : 1
    }

    /// A run in one line: its outcome and end, then its counts or why it failed.
    static func text(_ run: ConnectionRun) -> String {
        let ended = "\(run.outcome.rawValue) at \(timestamp(run.finishedAt))"
        if run.outcome == .failed { return ended + ": " + (run.error ?? "no reason recorded") }
        return ended + " " + run.summary
    }

    /// A date as the admin API writes it.
    private static func timestamp(_ date: Date) -> String { AdminJSON.date(date)?.stringValue ?? "" }
}
