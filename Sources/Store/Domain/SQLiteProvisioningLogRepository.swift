import Coffee
import FoundationEssentials

/// The provisioning log in SQLite (table `provisioning_log`, migration 0017).
public struct SQLiteProvisioningLogRepository: ProvisioningLogRepository {
    /// The transaction's connection.
    let db: Connection

    public func record(_ entry: ProvisioningLogEntry) throws {
        _ = try db.query(Self.upsert, bindings: try ProvisioningLogSQL.values(of: entry).map(Self.sqlValue)) { _ in () }
    }

    /// The statement ``record(_:)`` runs (built once: its text is the statement cache's key).
    private static let upsert = """
        INSERT INTO provisioning_log (\(ProvisioningLogSQL.insertColumns))
        VALUES (\(Array(repeating: "?", count: ProvisioningLogSQL.columnCount).joined(separator: ", ")))
        \(ProvisioningLogSQL.onConflict)
        """

    public func entries(_ query: ProvisioningLogQuery) throws -> [ProvisioningLogEntry] {
        let (sql, values) = ProvisioningLogSQL.select(query, placeholder: { _ in "?" })
        return try db.query(sql, bindings: values.map(Self.sqlValue), map: ProvisioningLogSQL.entry)
    }

    public func clientActivity(tenant: TenantID, since date: Date) throws -> [ProvisioningClientActivity] {
        try db.query(Self.clientActivity, tenant.rawValue, ProvisioningLogSQL.microseconds(date), map: ProvisioningLogSQL.clientActivity)
    }

    /// The statement ``clientActivity(tenant:since:)`` runs (`?NNN` binds a value twice).
    private static let clientActivity = ProvisioningLogSQL.clientActivity(placeholder: { "?\($0)" }, sameToken: "IS")

    public func tenants(withEntriesBefore date: Date) throws -> [TenantID] {
        try db.query("""
            SELECT id FROM tenants t
            WHERE EXISTS (SELECT 1 FROM provisioning_log l WHERE l.tenant_id = t.id AND l.occurred_at < ?)
            ORDER BY id
            """, ProvisioningLogSQL.microseconds(date)) { TenantID(rawValue: $0.string(0)) }
    }

    public func purge(tenant: TenantID, before date: Date, limit: Int) throws -> Int {
        try db.execute("""
            DELETE FROM provisioning_log WHERE rowid IN (
                SELECT rowid FROM provisioning_log WHERE tenant_id = ? AND occurred_at < ? ORDER BY occurred_at LIMIT ?)
            """, tenant.rawValue, ProvisioningLogSQL.microseconds(date), limit)
        return db.changes
    }

    private static func sqlValue(_ value: ProvisioningLogSQL.Value) -> SQLValue {
        switch value {
        case .text(let text): text.map(SQLValue.text) ?? .null
        case .integer(let integer): .integer(integer)
        }
    }
}
