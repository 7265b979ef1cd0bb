import Coffee
import FoundationEssentials

/// Each tenant's ``TenantSettings`` as one JSON document in `tenant_settings`; a tenant
/// without a row has the defaults.
public struct SQLiteTenantSettingsRepository: TenantSettingsRepository {
    /// The transaction's connection.
    let db: Connection

    /// The stored form: every field optional, so a document written by an older version
    /// still reads, with the defaults for what it lacks.
    struct Document: Codable {
        var sendsWelcomeEmail: Bool?
        var isMemberPortalEnabled: Bool?
        var allowedEmailDomains: [String]?
        var timeZone: String?
        var retentionSeconds: Double?
        var categoryMapping: [[String: String]]?
        var relinksReprovisionedMembers: Bool?
        /// An ``UndeclaredAttributes`` raw value; an unknown one reads as the default.
        var undeclaredAttributes: String?
        /// ``TenantSettings/provisioningLogRetention``, in seconds.
        var provisioningLogRetentionSeconds: Double?
    }

    /// Settings already decoded, by their stored text: every User write reads the
    /// tenant's settings, and the row is read each time (another process or instance may
    /// have changed it) but decoded only when its text is new. Up to 256 documents.
    private static let decoded = DecodedDocuments<TenantSettings>(limit: 256)

    /// The tenant's settings.
    public func settings(tenant: TenantID) throws -> TenantSettings {
        guard let text = try db.queryOne("SELECT json FROM tenant_settings WHERE tenant_id = ?", tenant.rawValue,
                                         map: { $0.string(0) }) else { return TenantSettings() }
        return try Self.settings(stored: text)
    }

    /// The settings a stored document says (decoded once per distinct text). Shared with
    /// the PostgreSQL repository, which stores the same document.
    static func settings(stored text: String) throws -> TenantSettings {
        try decoded.value(stored: text, decode: Self.decode)
    }

    /// The settings a stored document says, with the defaults for what it lacks.
    private static func decode(_ text: String) throws -> TenantSettings {
        let document: Document = try JSONText.decode(text)
        let defaults = TenantSettings()
        return TenantSettings(
            sendsWelcomeEmail: document.sendsWelcomeEmail ?? defaults.sendsWelcomeEmail,
            isMemberPortalEnabled: document.isMemberPortalEnabled ?? defaults.isMemberPortalEnabled,
            allowedEmailDomains: document.allowedEmailDomains.map { AllowedEmailDomains($0) } ?? defaults.allowedEmailDomains,
            timeZoneIdentifier: document.timeZone ?? defaults.timeZoneIdentifier,
            deprovisionedRetention: document.retentionSeconds ?? defaults.deprovisionedRetention,
            categoryMapping: document.categoryMapping.map { entries in
                CategoryMapping(entries.compactMap { entry in
                    guard let path = entry["path"], let key = entry["category"] else { return nil }
                    return CategoryMapping.Entry(path: path, key: CategoryKey(key))
                })
            } ?? defaults.categoryMapping,
            relinksReprovisionedMembers: document.relinksReprovisionedMembers ?? defaults.relinksReprovisionedMembers,
            undeclaredAttributes: document.undeclaredAttributes.flatMap(UndeclaredAttributes.init(rawValue:))
                ?? defaults.undeclaredAttributes,
            provisioningLogRetention: document.provisioningLogRetentionSeconds ?? defaults.provisioningLogRetention)
    }

    /// Stores the tenant's settings.
    public func save(_ settings: TenantSettings, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO tenant_settings (tenant_id, json) VALUES (?, ?)
            ON CONFLICT (tenant_id) DO UPDATE SET json = excluded.json
            """, tenant.rawValue, try Self.storedText(of: settings))
    }

    /// The document stored for `settings` (both backends store the same text).
    static func storedText(of settings: TenantSettings) throws -> String {
        let document = Document(
            sendsWelcomeEmail: settings.sendsWelcomeEmail, isMemberPortalEnabled: settings.isMemberPortalEnabled,
            allowedEmailDomains: settings.allowedEmailDomains.domains.sorted(), timeZone: settings.timeZoneIdentifier,
            retentionSeconds: settings.deprovisionedRetention,
            categoryMapping: settings.categoryMapping.entries.map { ["path": $0.path, "category": $0.key.rawValue] },
            relinksReprovisionedMembers: settings.relinksReprovisionedMembers,
            undeclaredAttributes: settings.undeclaredAttributes.rawValue,
            provisioningLogRetentionSeconds: settings.provisioningLogRetention)
        return try JSONText.encode(document)
    }
}
