import Coffee
import FoundationEssentials

/// The provisioning log in SQLite (table `provisioning_log`, migration 0017).
public struct SQLiteProvisioningLogRepository: ProvisioningLogRepository {
    /// The transaction's connection.
    let db: Connection

    public func record(_ entry: ProvisioningLogEntry) throws {
        let values = try ProvisioningLogSQL.values(of: entry).map(Self.sqlValue)
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        _ = try db.query("""
            INSERT INTO provisioning_log (\(ProvisioningLogSQL.insertColumns)) VALUES (\(placeholders))
            \(ProvisioningLogSQL.onConflict)
            """, bindings: values) { _ in () }
    }

    public func entries(_ query: ProvisioningLogQuery) throws -> [ProvisioningLogEntry] {
        let (sql, values) = ProvisioningLogSQL.select(query, placeholder: { _ in "?" })
        return try db.query(sql, bindings: values.map(Self.sqlValue), map: ProvisioningLogSQL.entry)
    }

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
