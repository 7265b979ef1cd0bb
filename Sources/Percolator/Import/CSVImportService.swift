import Coffee
import FoundationEssentials
import SCIM
import Store

/// A CSV import, as `POST /api/v1/imports` and `percolator bench import` run it: the
/// dry run (``dryRun(_:tenant:in:)``, on a reader) and the apply
/// (``apply(_:tenant:at:in:)``, inside one write transaction: every row or none).
///
/// Both plan with ``ImportPlanner/dryRun(csv:catalog:chunkSize:mapping:existingMember:)``
/// against the tenant's catalog, finding existing members with one indexed lookup per
/// row (``MemberRecords/liveMember(email:tenant:in:)``), so their reports agree. The
/// apply plans again on the writer, against the state it is about to change, and writes
/// only a plan without errors: per row one member upsert and one or two outbox inserts,
/// all cached statements; the catalog once at the end.
enum CSVImportService {
    /// The writer's page cache during an apply, in KiB: 64 MiB.
    static let importCacheKiB = 65_536

    /// What to import, and how.
    struct Request: Sendable {
        /// The file, as uploaded.
        var csv: [UInt8]
        /// The admin's column decisions; other columns get the suggestion.
        var columns = ImportColumnChoices()
        /// Whether new members get the welcome email (at most once per member).
        var sendsWelcomeEmail = false
    }

    /// What an apply did.
    struct Outcome: Sendable {
        /// The plan, row by row; applied only when ``applied``.
        var plan: ImportPlan
        /// Whether the rows were written (the plan had no error).
        var applied: Bool
        /// The member each row created or updated, by row index, when applied.
        var memberIDs: [Int: MemberID] = [:]
        /// `WelcomeEmailRequested` events appended.
        var welcomeEmails = 0
        /// Outbox events appended.
        var events = 0
    }

    /// Plans `request` against the tenant's members and catalog as `db` sees them,
    /// changing nothing. Throws `invalidValue` for a column choice that names no column.
    static func dryRun(_ request: Request, tenant: Store.TenantID, in db: any StorageTransaction) throws -> ImportPlan {
        let catalog = try db.categories.catalog(tenant: tenant)
        return try plan(request, catalog: catalog, tenant: tenant, in: db) { _ in }
    }

    /// Plans `request` and, when the plan has no error, applies every row in `db`'s open
    /// transaction: new members Active of source `csv` (welcome email as asked), existing
    /// ones updated (statuses never touched, so an inactive member stays inactive), new
    /// categories and values added to the catalog, every event appended to the outbox.
    /// A plan with errors writes nothing and comes back with `applied == false`.
    static func apply(_ request: Request, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws -> Outcome {
        // 100,000 rows touch about 100 MB of B-tree pages (random ids, random event keys):
        // with the default 2 MB page cache SQLite spills dirty pages to the WAL in the
        // middle of the transaction and reads them back, a quarter of the apply's time.
        // The writer gets a larger cache for the import only (pages are allocated as used).
        try db.bulkWrite(ofAbout: importCacheKiB * 1024) {
            try applyPlanned(request, tenant: tenant, at: date, in: db)
        }
    }

    /// ``apply(_:tenant:at:in:)`` inside the enlarged page cache.
    private static func applyPlanned(_ request: Request, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws -> Outcome {
        let catalog = try db.categories.catalog(tenant: tenant)
        var existing: [MemberID: Member] = [:]
        let plan = try plan(request, catalog: catalog, tenant: tenant, in: db) { existing[$0.id] = $0 }
        guard plan.isApplicable else { return Outcome(plan: plan, applied: false) }
        let settings = try db.settings.settings(tenant: tenant)
        let tenantID = tenant
        var outcome = Outcome(plan: plan, applied: true)
        for (index, row) in plan.rows.enumerated() {
            let result: TransitionResult
            switch row.action {
            case .create(let person):
                result = try ImportTransition.create(person, id: MemberID(RandomID.make()), tenantID: tenantID, settings: settings,
                                                     sendsWelcomeEmail: request.sendsWelcomeEmail, at: date)
            case .update(let id, let person, _):
                guard let member = existing[id] else {
                    throw StoreError(code: .error, message: "an import row's member was not found again")
                }
                result = try ImportTransition.update(member, with: person, at: date)
            case .unchanged(let id):
                outcome.memberIDs[index] = id
                continue
            case .rejected:
                continue
            }
            outcome.memberIDs[index] = result.member.id
            guard result.changed else { continue }
            try db.members.save(result.member)
            outcome.events += try db.outbox.append(result.events)
            outcome.welcomeEmails += result.events.count { $0.kind == .welcomeEmailRequested }
        }
        var grown = catalog
        for category in plan.newCategories { grown.add(category) }
        for (key, values) in plan.grownValues { grown.absorb(CategoryValues([key: values])) }
        if grown != catalog { try db.categories.save(grown, tenant: tenant) }
        return outcome
    }

    /// The plan of `request` with `catalog`, each existing member found by its primary
    /// email among the tenant's live members and passed to `found`.
    static func plan(_ request: Request, catalog: CategoryCatalog, tenant: Store.TenantID, in db: any StorageTransaction,
                     found: @escaping (Member) -> Void) throws -> ImportPlan {
        var mapping: ColumnMapping?
        if let header = header(of: request.csv), let columns = try? ImportColumns(header: header) {
            mapping = try request.columns.mapping(for: columns, catalog: catalog)
        }
        var failure: (any Error)?
        let plan = ImportPlanner.dryRun(csv: request.csv, catalog: catalog, mapping: { _ in mapping }) { email in
            guard failure == nil else { return nil }
            do {
                let member = try db.members.liveMember(email: email.normalized, tenant: tenant)
                if let member { found(member) }
                return member
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        return plan
    }

    /// The header row of `csv`, or `nil` when there is none or it does not parse (the
    /// planner reports why).
    static func header(of csv: [UInt8]) -> [String]? {
        var parser = CSVParser()
        var offset = 0
        while offset < csv.count {
            let end = min(offset + 65_536, csv.count)
            guard let records = try? parser.feed(csv[offset..<end]) else { return nil }
            if let first = records.first { return first.fields }
            offset = end
        }
        return (try? parser.finish())?.first?.fields
    }
}
