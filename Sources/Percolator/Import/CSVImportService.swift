import Coffee
import FoundationEssentials
import SCIM
import Store

/// The steps of a CSV import, as ``ImportService`` runs them for every door (`POST
/// /api/v1/imports`, `percolator import`, the benchmark): none holds a storage thread
/// for more than a bounded chunk.
///
/// 1. **Snapshot** (``snapshot(of:tenant:in:)``): the catalog, and the tenant's live
///    members the file names, found by email in read transactions of
///    ``lookupsPerRead`` lookups each.
/// 2. **Plan** (``plan(_:against:)``): pure CPU, on the caller's task, with
///    ``ImportPlanner`` against the snapshot; the dry run stops here.
/// 3. **Apply** (``applyRows(_:of:tenant:settings:at:in:)``): rows written in chunks, each
///    in its own write transaction; each row is resolved again against the member as it
///    is then (a member created meanwhile with the row's email is updated, not created
///    twice; a member deprovisioned meanwhile is left alone), so a chunk is correct
///    whatever was written between the snapshot and it.
enum CSVImportService {
    /// The most email lookups in one read transaction of the snapshot.
    static let lookupsPerRead = 1_000

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

    /// What a plan is made against: the tenant's catalog and its live members by the
    /// normalized emails the file names.
    struct Snapshot: Sendable {
        /// The tenant's catalog when the snapshot was taken.
        var catalog: CategoryCatalog
        /// The live members the file names, by normalized email.
        var members: [String: Member]
    }

    /// Reads what `request` is planned against, in short read transactions. Throws
    /// `invalidValue` for a column choice that names no column.
    static func snapshot(of request: Request, tenant: TenantID, in persistence: any Persistence) async throws -> Snapshot {
        let catalog = try await persistence.read { db in try db.categories.catalog(tenant: tenant) }
        // The emails the file names, in the planner's own reading of it (nothing found yet).
        let emails = try await offStorageThreads {
            var emails: [String] = []
            _ = try plan(request, against: Snapshot(catalog: catalog, members: [:])) { emails.append($0) }
            return emails
        }
        var members: [String: Member] = [:]
        var start = 0
        while start < emails.count {
            let batch = Array(emails[start..<min(start + lookupsPerRead, emails.count)])
            start += batch.count
            let found = try await persistence.read { db in
                try batch.compactMap { email in try db.members.liveMember(email: email, tenant: tenant).map { (email, $0) } }
            }
            for (email, member) in found { members[email] = member }
        }
        return Snapshot(catalog: catalog, members: members)
    }

    /// Runs CPU-heavy `work` (parsing and planning a file) on the global executor, not on
    /// the task that called it: request handlers run on the storage readers' threads, and
    /// planning 100,000 rows there would hold a reader, and every request queued behind it,
    /// for seconds.
    static func offStorageThreads<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await Task.detached(priority: .utility, operation: work).value
    }

    /// ``plan(_:against:newCategoriesMayExist:asked:)`` off the storage threads.
    static func planned(_ request: Request, against snapshot: Snapshot, newCategoriesMayExist: Bool = false) async throws -> ImportPlan {
        try await offStorageThreads { try plan(request, against: snapshot, newCategoriesMayExist: newCategoriesMayExist) }
    }

    /// The plan of `request` against `snapshot` (pure: reads and writes nothing);
    /// `asked` sees each normalized email the planner looks up.
    static func plan(_ request: Request, against snapshot: Snapshot, newCategoriesMayExist: Bool = false,
                     asked: (String) -> Void = { _ in }) throws -> ImportPlan {
        var mapping: ColumnMapping?
        if let header = header(of: request.csv), let columns = try? ImportColumns(header: header) {
            mapping = try request.columns.mapping(for: columns, catalog: snapshot.catalog,
                                                  newCategoriesMayExist: newCategoriesMayExist)
        }
        return withoutActuallyEscaping(asked) { asked in
            ImportPlanner.dryRun(csv: request.csv, catalog: snapshot.catalog, mapping: { _ in mapping }) { email in
                let key = email.normalized
                asked(key)
                return snapshot.members[key]
            }
        }
    }

    /// What a chunk of rows wrote.
    struct ChunkOutcome: Sendable {
        /// The member each row created or updated, by row index.
        var memberIDs: [Int: MemberID] = [:]
        /// `WelcomeEmailRequested` events appended.
        var welcomeEmails = 0
        /// Outbox events appended.
        var events = 0
    }

    /// Writes the plan's rows `range` in `db`'s transaction, each resolved against the
    /// member as it is now: new members Active of source `csv` (welcome email as asked),
    /// existing ones updated (statuses never touched, so an inactive member stays
    /// inactive), every event appended to the outbox.
    static func applyRows(_ range: Range<Int>, of plan: ImportPlan, request: Request, tenant: TenantID,
                          settings: TenantSettings, at date: Date, in db: any StorageTransaction) throws -> ChunkOutcome {
        var outcome = ChunkOutcome()
        for index in range {
            let result: TransitionResult
            switch plan.rows[index].action {
            case .create(let person):
                if let existing = try db.members.liveMember(email: person.email.normalized, tenant: tenant) {
                    // Created since the snapshot (by the identity provider, an admin, another import).
                    result = try ImportTransition.update(existing, with: person, at: date)
                } else {
                    result = try ImportTransition.create(person, id: MemberID(RandomID.make()), tenantID: tenant,
                                                         settings: settings, sendsWelcomeEmail: request.sendsWelcomeEmail, at: date)
                }
            case .update(let id, let person, _):
                guard let member = try db.members.member(id: id, tenant: tenant), member.lifecycle == .live else {
                    continue  // deprovisioned since the snapshot: an import never brings a member back
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
        return outcome
    }

    /// Adds the plan's new categories to the tenant's catalog and its new values to the
    /// known values, in `db`'s transaction. Throws ``ImportCatalogChanged`` when the
    /// catalog's categories are no longer those the plan was made against.
    static func growCatalog(with plan: ImportPlan, plannedAgainst catalog: CategoryCatalog, tenant: TenantID,
                            in db: any StorageTransaction) throws {
        let current = try db.categories.catalog(tenant: tenant)
        // Known values may grow meanwhile (every SCIM write may add some); definitions may not.
        guard definitions(of: current) == definitions(of: catalog) else { throw ImportCatalogChanged() }
        var grown = current
        for category in plan.newCategories { grown.add(category) }
        if grown != current { try db.categories.save(grown, tenant: tenant) }
        for (key, values) in plan.grownValues {
            try db.categories.absorb(CategoryValues([key: values]), tenant: tenant)
        }
    }

    /// The catalog's categories without their known values, in order.
    static func definitions(of catalog: CategoryCatalog) -> [String] {
        catalog.categories.map { "\($0.key.rawValue)\u{1F}\($0.label)\u{1F}\($0.type)\u{1F}\($0.source)\u{1F}\($0.isReadOnly)\u{1F}\($0.isMemberEditable)" }
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

/// The tenant's categories changed between an import's snapshot and its acceptance;
/// the import plans again.
struct ImportCatalogChanged: Error {}
