import Coffee
import FoundationEssentials
import Store

/// CSV imports as every door runs them (the admin API, the command line, the console):
/// a dry run planned on a snapshot, and an apply written in chunks that keeps the
/// promise "every row or none" without holding the writer for the whole file.
///
/// An apply plans on a snapshot (``CSVImportService/snapshot(of:tenant:in:)``), off the
/// storage threads. A plan with an error writes nothing. Otherwise one transaction
/// **accepts** the import: it stores the file and the choices as an ``ImportRun`` and
/// grows the catalog; from then on every row will be written. The rows follow in chunks
/// of ``chunkRows``, each transaction advancing the run's ``ImportRun/nextRow`` with its
/// rows; the last one removes the run. Writes of others (SCIM, the admin API) interleave
/// between chunks. When an instance stops midway, ``resumeAbandoned(at:)`` (the server
/// calls it every ``resumeInterval``) finds the run once its lease has expired, plans the
/// file again and writes the remaining rows: each row exactly once, all of them.
/// Members appear chunk by chunk while an import applies.
struct ImportService: Sendable {
    /// Where members, the catalog and events are read and written.
    let persistence: any Persistence
    /// Who applies runs from this process (random per process).
    var instance = "import-" + RandomID.make()
    /// Rows per write transaction.
    var chunkRows = 1_000
    /// How long a run stays with its applier without progress before another may take it
    /// (a chunk takes tens of milliseconds; each renews it).
    var lease = Self.defaultLease
    /// ``lease`` unless set otherwise.
    static let defaultLease: TimeInterval = 15
    /// How often the server looks for abandoned runs.
    static let resumeInterval: Duration = .seconds(5)

    /// Plans `request` against the tenant's members and catalog as they are; writes nothing.
    func dryRun(_ request: CSVImportService.Request, tenant: TenantID) async throws -> ImportPlan {
        let snapshot = try await CSVImportService.snapshot(of: request, tenant: tenant, in: persistence)
        return try await CSVImportService.planned(request, against: snapshot)
    }

    /// Plans and applies `request`: every row, or none when the plan has an error
    /// (`applied == false`). `progress`, when given, hears the rows written so far and
    /// the plan's row count after every chunk (the console's progress page).
    func apply(_ request: CSVImportService.Request, tenant: TenantID, at now: Date,
               progress: (@Sendable (_ written: Int, _ total: Int) -> Void)? = nil) async throws -> CSVImportService.Outcome {
        var attempt = 0
        while true {
            attempt += 1
            let snapshot = try await CSVImportService.snapshot(of: request, tenant: tenant, in: persistence)
            let plan = try await CSVImportService.planned(request, against: snapshot)
            guard plan.isApplicable else { return CSVImportService.Outcome(plan: plan, applied: false) }
            let run = ImportRun(id: RandomID.make(), tenant: tenant, csv: request.csv,
                                options: try ImportRunOptions(request).encoded(), acceptedAt: now,
                                owner: instance, leaseUntil: now.addingTimeInterval(lease))
            do {
                let settings = try await persistence.write { db in
                    try CSVImportService.growCatalog(with: plan, plannedAgainst: snapshot.catalog, tenant: tenant, in: db)
                    try db.imports.insert(run)
                    return try db.settings.settings(tenant: tenant)
                }
                return try await write(plan, of: run, request: request, settings: settings, progress: progress)
            } catch is ImportCatalogChanged where attempt < 3 {
                continue  // an admin changed the categories meanwhile: plan against the new ones
            } catch is ImportCatalogChanged {
                throw ServiceError.conflict("The categories changed while the file was being imported; nothing was imported. Try again.")
            }
        }
    }

    /// Takes over every run whose applier stopped (its lease expired before `now`) and
    /// writes its remaining rows; returns how many runs it finished.
    @discardableResult
    func resumeAbandoned(at now: Date) async throws -> Int {
        var finished = 0
        while let run = try await persistence.write({ [instance, lease] db in
            try db.imports.takeOverAbandoned(by: instance, at: now, leaseUntil: now.addingTimeInterval(lease))
        }) {
            let request = try ImportRunOptions.request(of: run)
            let snapshot = try await CSVImportService.snapshot(of: request, tenant: run.tenant, in: persistence)
            // The run's acceptance added its new categories: they are existing ones now.
            let plan = try await CSVImportService.planned(request, against: snapshot, newCategoriesMayExist: true)
            let settings = try await persistence.read { db in try db.settings.settings(tenant: run.tenant) }
            _ = try await write(plan, of: run, request: request, settings: settings)
            finished += 1
        }
        return finished
    }

    /// Writes the rows of `plan` from the run's ``ImportRun/nextRow`` on, a chunk per
    /// transaction, and removes the run with the last chunk.
    private func write(_ plan: ImportPlan, of run: ImportRun, request: CSVImportService.Request, settings: TenantSettings,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> CSVImportService.Outcome {
        var outcome = CSVImportService.Outcome(plan: plan, applied: true)
        var next = min(run.nextRow, plan.rows.count)
        repeat {
            let range = next..<min(next + max(chunkRows, 1), plan.rows.count)
            let isLast = range.upperBound == plan.rows.count
            let leaseUntil = Date().addingTimeInterval(lease)
            let chunk = try await persistence.write { [instance] db in
                let chunk = try CSVImportService.applyRows(range, of: plan, request: request, tenant: run.tenant,
                                                           settings: settings, at: run.acceptedAt, in: db)
                // Still ours? (Another instance may have taken the run over after a stall.)
                guard try db.imports.advance(id: run.id, tenant: run.tenant, owner: instance,
                                             to: range.upperBound, leaseUntil: leaseUntil) else {
                    throw ImportTakenOver()  // rolls this chunk back; the new owner writes it
                }
                if isLast { try db.imports.finish(id: run.id, tenant: run.tenant) }
                return chunk
            }
            outcome.memberIDs.merge(chunk.memberIDs) { $1 }
            outcome.events += chunk.events
            outcome.welcomeEmails += chunk.welcomeEmails
            next = range.upperBound
            progress?(next, plan.rows.count)
        } while next < plan.rows.count
        return outcome
    }
}

/// Another instance took an import run over (this one made no progress for a whole
/// lease); the chunk in hand is rolled back and the new owner writes it.
struct ImportTakenOver: Error {}
