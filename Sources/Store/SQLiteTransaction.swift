import Coffee

/// The SQLite side of a ``Coffee/StorageTransaction``: the repositories over the one
/// connection a `read` or `write` of ``SQLitePersistence`` holds. Valid only inside the
/// closure that received it.
final class SQLiteTransaction: StorageTransaction {
    /// The connection, inside its transaction.
    let db: Connection

    init(_ db: Connection) {
        self.db = db
    }

    var members: any MemberRepository { SQLiteMemberRepository(db: db) }
    var categories: any CategoryRepository { SQLiteCategoryRepository(db: db) }
    var programs: any ProgramRepository { SQLiteProgramRepository(db: db) }
    var sessions: any SessionRepository { SQLiteSessionRepository(db: db) }
    var invitations: any InvitationRepository { SQLiteInvitationRepository(db: db) }
    var outbox: any OutboxRepository { SQLiteOutboxRepository(db: db) }
    var settings: any TenantSettingsRepository { SQLiteTenantSettingsRepository(db: db) }
    var groups: any GroupDirectory { SQLiteGroupDirectory(db: db) }
    var portal: any PortalRepository { SQLitePortalRepository(db: db) }
    var imports: any ImportRunRepository { SQLiteImportRunRepository(db: db) }
    var connections: any ConnectionRepository { SQLiteConnectionRepository(db: db) }
    var extensionSchemas: any ExtensionSchemaRepository { SQLiteExtensionSchemaRepository(db: db) }
    var console: any ConsoleRepository { SQLiteConsoleRepository(db: db) }
    var provisioningLog: any ProvisioningLogRepository { SQLiteProvisioningLogRepository(db: db) }

    func bulkWrite<T>(ofAbout bytes: Int, _ body: () throws -> T) throws -> T {
        try db.withPageCache(kibibytes: max(2_000, bytes / 1024), body)
    }
}

extension Connection {
    /// This connection's transaction as the persistence port's repositories see it (for
    /// code inside `Store`, and its tests, that holds a connection already).
    var transaction: SQLiteTransaction { SQLiteTransaction(self) }
    var members: SQLiteMemberRepository { SQLiteMemberRepository(db: self) }
    var categories: SQLiteCategoryRepository { SQLiteCategoryRepository(db: self) }
    var programs: SQLiteProgramRepository { SQLiteProgramRepository(db: self) }
    var sessions: SQLiteSessionRepository { SQLiteSessionRepository(db: self) }
    var invitations: SQLiteInvitationRepository { SQLiteInvitationRepository(db: self) }
    var outbox: SQLiteOutboxRepository { SQLiteOutboxRepository(db: self) }
    var settings: SQLiteTenantSettingsRepository { SQLiteTenantSettingsRepository(db: self) }
    var groups: SQLiteGroupDirectory { SQLiteGroupDirectory(db: self) }
    var portal: SQLitePortalRepository { SQLitePortalRepository(db: self) }
    var provisioningLog: SQLiteProvisioningLogRepository { SQLiteProvisioningLogRepository(db: self) }
}
