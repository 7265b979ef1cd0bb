import Coffee
import FoundationEssentials

/// Import runs (``Coffee/ImportRun``) as rows of migration 0019.
public struct SQLiteImportRunRepository: ImportRunRepository {
    /// The transaction's connection.
    let db: Connection

    static let columns = "tenant_id, id, csv, options, next_row, accepted_at, owner, lease_until"

    static func run(_ row: Row) throws -> ImportRun {
        ImportRun(id: row.string(1), tenant: TenantID(rawValue: row.string(0)), csv: row.blob(2), options: row.string(3),
                  nextRow: row.int(4), acceptedAt: try row.date(5), owner: row.string(6), leaseUntil: try row.date(7))
    }

    public func insert(_ run: ImportRun) throws {
        try db.execute("INSERT INTO import_runs (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       run.tenant, run.id, run.csv, run.options, run.nextRow, Timestamp.string(from: run.acceptedAt),
                       run.owner, Timestamp.string(from: run.leaseUntil))
    }

    public func run(id: String, tenant: TenantID) throws -> ImportRun? {
        try db.queryOne("SELECT \(Self.columns) FROM import_runs WHERE tenant_id = ? AND id = ?", tenant, id, map: Self.run)
    }

    public func advance(id: String, tenant: TenantID, owner: String, to nextRow: Int, leaseUntil: Date) throws -> Bool {
        try db.queryOne("""
            UPDATE import_runs SET next_row = ?, lease_until = ? WHERE tenant_id = ? AND id = ? AND owner = ? RETURNING 1
            """, nextRow, Timestamp.string(from: leaseUntil), tenant, id, owner) { _ in true } ?? false
    }

    public func finish(id: String, tenant: TenantID) throws {
        try db.execute("DELETE FROM import_runs WHERE tenant_id = ? AND id = ?", tenant, id)
    }

    public func takeOverAbandoned(by owner: String, at now: Date, leaseUntil: Date) throws -> ImportRun? {
        try db.queryOne("""
            UPDATE import_runs SET owner = ?, lease_until = ?
            WHERE rowid = (SELECT rowid FROM import_runs WHERE lease_until < ? ORDER BY lease_until LIMIT 1)
            RETURNING \(Self.columns)
            """, owner, Timestamp.string(from: leaseUntil), Timestamp.string(from: now), map: Self.run)
    }
}
