import Coffee
import FoundationEssentials

/// CSV imports as every door runs them (the admin API, the command line, soon the
/// console): a dry run that plans on a read snapshot, and an apply that writes every row
/// or none (``CSVImportService`` holds the planning and the row writes).
struct ImportService: Sendable {
    /// Where members, the catalog and events are read and written.
    let persistence: any Persistence

    /// Plans `request` against the tenant's members and catalog as they are; writes nothing.
    func dryRun(_ request: CSVImportService.Request, tenant: TenantID) async throws -> ImportPlan {
        try await persistence.read { tx in try CSVImportService.dryRun(request, tenant: tenant, in: tx) }
    }

    /// Plans and applies `request` in one write transaction: every row, or none when the
    /// plan has an error (`applied == false`).
    func apply(_ request: CSVImportService.Request, tenant: TenantID, at now: Date) async throws -> CSVImportService.Outcome {
        try await persistence.write { tx in try CSVImportService.apply(request, tenant: tenant, at: now, in: tx) }
    }
}
