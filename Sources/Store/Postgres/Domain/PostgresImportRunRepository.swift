import Coffee
import FoundationEssentials

/// Import runs (``Coffee/ImportRun``) on PostgreSQL (as ``SQLiteImportRunRepository``);
/// a take-over skips a run another instance is taking over at the same moment.
struct PostgresImportRunRepository: ImportRunRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    static let columns = "tenant_id, id, csv, options, next_row, accepted_at, owner, lease_until"

    static func run(_ row: PostgresRow) throws -> ImportRun {
        ImportRun(id: row.string(1), tenant: TenantID(rawValue: row.string(0)), csv: row.bytes(2), options: row.string(3),
                  nextRow: row.int(4), acceptedAt: try row.date(5), owner: row.string(6), leaseUntil: try row.date(7))
    }

    func insert(_ run: ImportRun) throws {
        try db.execute("INSERT INTO import_runs (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       run.tenant, run.id, PostgresBytes(run.csv), run.options, run.nextRow, run.acceptedAt,
                       run.owner, run.leaseUntil)
    }

    func run(id: String, tenant: TenantID) throws -> ImportRun? {
        try db.queryOne("SELECT \(Self.columns) FROM import_runs WHERE tenant_id = $1 AND id = $2", tenant, id, map: Self.run)
    }

    func advance(id: String, tenant: TenantID, owner: String, to nextRow: Int, leaseUntil: Date) throws -> Bool {
        try db.queryOne("""
            UPDATE import_runs SET next_row = $1, lease_until = $2 WHERE tenant_id = $3 AND id = $4 AND owner = $5 RETURNING 1
            """, nextRow, leaseUntil, tenant, id, owner) { _ in true } ?? false
    }

    func finish(id: String, tenant: TenantID) throws {
        try db.execute("DELETE FROM import_runs WHERE tenant_id = $1 AND id = $2", tenant, id)
    }

    func takeOverAbandoned(by owner: String, at now: Date, leaseUntil: Date) throws -> ImportRun? {
        try db.queryOne("""
            UPDATE import_runs SET owner = $1, lease_until = $2
            WHERE (tenant_id, id) = (SELECT tenant_id, id FROM import_runs WHERE lease_until < $3
                                     ORDER BY lease_until LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING \(Self.columns)
            """, owner, leaseUntil, now, map: Self.run)
    }
}
