import Coffee

/// Each tenant's ``TenantSettings`` on PostgreSQL: the same JSON document as
/// ``SQLiteTenantSettingsRepository`` writes, in `tenant_settings`.
struct PostgresTenantSettingsRepository: TenantSettingsRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    func settings(tenant: TenantID) throws -> TenantSettings {
        guard let text = try db.queryOne("SELECT json FROM tenant_settings WHERE tenant_id = $1", tenant,
                                         map: { $0.string(0) }) else { return TenantSettings() }
        return try SQLiteTenantSettingsRepository.settings(stored: text)
    }

    func save(_ settings: TenantSettings, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO tenant_settings (tenant_id, json) VALUES ($1, $2)
            ON CONFLICT (tenant_id) DO UPDATE SET json = excluded.json
            """, tenant, try SQLiteTenantSettingsRepository.storedText(of: settings))
    }
}
