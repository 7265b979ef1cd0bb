import Coffee
import FoundationEssentials

/// The provisioning log on PostgreSQL (as ``SQLiteProvisioningLogRepository``; ids
/// ordered bytewise, as SQLite orders them).
struct PostgresProvisioningLogRepository: ProvisioningLogRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    /// Sent with the transaction's next statement or its commit (``PostgresConnection/enqueue(_:parameters:)``).
    func record(_ entry: ProvisioningLogEntry) throws {
        try db.enqueue(Self.upsert, parameters: try ProvisioningLogSQL.values(of: entry).map(Self.parameter))
    }

    /// The statement ``record(_:)`` runs.
    private static let upsert = """
        INSERT INTO provisioning_log (\(ProvisioningLogSQL.insertColumns))
        VALUES (\((1...ProvisioningLogSQL.columnCount).map { "$\($0)" }.joined(separator: ", ")))
        \(ProvisioningLogSQL.onConflict)
        """

    func entries(_ query: ProvisioningLogQuery) throws -> [ProvisioningLogEntry] {
        let (sql, values) = ProvisioningLogSQL.select(query, placeholder: { "$\($0)" }, collate: #" COLLATE "C""#)
        return try db.query(sql, parameters: values.map(Self.parameter), map: ProvisioningLogSQL.entry)
    }

    func clientActivity(tenant: TenantID, since date: Date) throws -> [ProvisioningClientActivity] {
        try db.query(Self.clientActivity, tenant, ProvisioningLogSQL.microseconds(date), map: ProvisioningLogSQL.clientActivity)
    }

    /// The statement ``clientActivity(tenant:since:)`` runs.
    private static let clientActivity = ProvisioningLogSQL.clientActivity(placeholder: { "$\($0)" }, sameToken: "IS NOT DISTINCT FROM")

    func tenants(withEntriesBefore date: Date) throws -> [TenantID] {
        try db.query("""
            SELECT id FROM tenants t
            WHERE EXISTS (SELECT 1 FROM provisioning_log l WHERE l.tenant_id = t.id AND l.occurred_at < $1)
            ORDER BY id COLLATE "C"
            """, ProvisioningLogSQL.microseconds(date)) { TenantID(rawValue: $0.string(0)) }
    }

    func purge(tenant: TenantID, before date: Date, limit: Int) throws -> Int {
        try db.execute("""
            DELETE FROM provisioning_log WHERE (tenant_id, id) IN (
                SELECT tenant_id, id FROM provisioning_log WHERE tenant_id = $1 AND occurred_at < $2
                ORDER BY occurred_at LIMIT $3)
            """, tenant, ProvisioningLogSQL.microseconds(date), limit)
    }

    private static func parameter(_ value: ProvisioningLogSQL.Value) -> (any PostgresParameter)? {
        switch value {
        case .text(let text): text
        case .integer(let integer): integer
        }
    }
}
