import Coffee

/// The PostgreSQL side of a ``Coffee/StorageTransaction``: the repositories over the one
/// connection a `read` or `write` of ``PostgresPersistence`` holds, inside its
/// transaction. Valid only inside the closure that received it.
final class PostgresTransaction: StorageTransaction {
    /// The connection, inside its transaction.
    let db: PostgresConnection
    /// `FOR UPDATE` in a write transaction, empty in a read-only one: what a lookup by id
    /// appends, so that a closure that reads a member, program or session to change it
    /// holds it until it commits (another writer waits instead of being overwritten).
    let lock: String

    init(_ db: PostgresConnection, writes: Bool) {
        self.db = db
        self.lock = writes ? " FOR UPDATE" : ""
    }

    var members: any MemberRepository { PostgresMemberRepository(db: db, lock: lock) }
    var categories: any CategoryRepository { PostgresCategoryRepository(db: db) }
    var programs: any ProgramRepository { PostgresProgramRepository(db: db, lock: lock) }
    var sessions: any SessionRepository { PostgresSessionRepository(db: db, lock: lock) }
    var invitations: any InvitationRepository { PostgresInvitationRepository(db: db) }
    var outbox: any OutboxRepository { PostgresOutboxRepository(db: db) }
    var settings: any TenantSettingsRepository { PostgresTenantSettingsRepository(db: db) }
    var groups: any GroupDirectory { PostgresGroupDirectory(db: db) }
    var portal: any PortalRepository { PostgresPortalRepository(db: db) }
    var imports: any ImportRunRepository { PostgresImportRunRepository(db: db) }
    var connections: any ConnectionRepository { PostgresConnectionRepository(db: db) }
    var extensionSchemas: any ExtensionSchemaRepository { PostgresExtensionSchemaRepository(db: db) }
    var console: any ConsoleRepository { PostgresConsoleRepository(db: db) }
    var provisioningLog: any ProvisioningLogRepository { PostgresProvisioningLogRepository(db: db) }

    /// One statement: the settings' row (`part` 0) and the extensions' (`part` 1, in URN
    /// order ignoring case, as ``PostgresExtensionSchemaRepository/all(tenant:)``).
    func settingsAndExtensions(tenant: TenantID) throws -> (settings: TenantSettings, extensions: [DeclaredExtensionDocument]) {
        var settings = TenantSettings()
        var extensions: [DeclaredExtensionDocument] = []
        for (part, first, second) in try db.query("""
            SELECT 0 AS part, json AS first, NULL::text AS second, NULL::text COLLATE "C" AS sort
            FROM tenant_settings WHERE tenant_id = $1
            UNION ALL
            SELECT 1, urn, json, urn_folded COLLATE "C" FROM scim_extension_schemas WHERE tenant_id = $1
            ORDER BY part, sort
            """, tenant, map: { ($0.int64(0), $0.string(1), $0.optionalString(2)) }) {
            if part == 0 {
                settings = try SQLiteTenantSettingsRepository.settings(stored: first)
            } else {
                extensions.append(DeclaredExtensionDocument(urn: first, json: second ?? ""))
            }
        }
        return (settings, extensions)
    }

    /// PostgreSQL needs nothing special for a large transaction: `body` as is.
    func bulkWrite<T>(ofAbout bytes: Int, _ body: () throws -> T) throws -> T {
        try body()
    }
}
