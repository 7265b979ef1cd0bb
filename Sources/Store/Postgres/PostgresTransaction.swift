import Coffee

/// The PostgreSQL side of a ``Coffee/StorageTransaction``: the repositories over the one
/// connection a `read` or `write` of ``PostgresPersistence`` holds, inside its
/// transaction. Valid only inside the closure that received it.
final class PostgresTransaction: StorageTransaction {
    /// The connection, inside its transaction.
    let db: PostgresConnection

    init(_ db: PostgresConnection) {
        self.db = db
    }

    var members: any MemberRepository { PostgresMemberRepository(db: db) }
    var categories: any CategoryRepository { PostgresCategoryRepository(db: db) }
    var programs: any ProgramRepository { PostgresProgramRepository(db: db) }
    var sessions: any SessionRepository { PostgresSessionRepository(db: db) }
    var invitations: any InvitationRepository { PostgresInvitationRepository(db: db) }
    var outbox: any OutboxRepository { PostgresOutboxRepository(db: db) }
    var settings: any TenantSettingsRepository { PostgresTenantSettingsRepository(db: db) }
    var groups: any GroupDirectory { PostgresGroupDirectory(db: db) }

    /// PostgreSQL needs nothing special for a large transaction: `body` as is.
    func bulkWrite<T>(ofAbout bytes: Int, _ body: () throws -> T) throws -> T {
        try body()
    }
}
