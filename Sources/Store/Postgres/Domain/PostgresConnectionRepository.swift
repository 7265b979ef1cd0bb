import Coffee
import FoundationEssentials

/// Connections, their runs and their links to members on PostgreSQL (as
/// ``SQLiteConnectionRepository``).
struct PostgresConnectionRepository: ConnectionRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    static func connection(_ row: PostgresRow) throws -> StoredConnection {
        guard let kind = ConnectionKind(rawValue: row.string(2)) else {
            throw StoreError(code: .corrupt, message: "a connections row has an unknown kind")
        }
        return StoredConnection(id: ConnectionID(row.string(1)), tenant: TenantID(rawValue: row.string(0)), kind: kind,
                                name: row.string(3), settings: row.string(4), sealedCredentials: row.string(5),
                                credentialHint: row.string(6), createdAt: try row.date(7), nextRunAt: try row.optionalDate(8))
    }

    static func run(_ row: PostgresRow) throws -> ConnectionRun {
        guard let outcome = ConnectionRun.Outcome(rawValue: row.string(5)) else {
            throw StoreError(code: .corrupt, message: "a connection_runs row has an unknown outcome")
        }
        return ConnectionRun(id: row.string(2), connectionID: ConnectionID(row.string(1)), tenant: TenantID(rawValue: row.string(0)),
                             startedAt: try row.date(3), finishedAt: try row.date(4), outcome: outcome,
                             summary: row.string(6), error: row.optionalString(7))
    }

    private static var columns: String { SQLiteConnectionRepository.columns }
    private static var runColumns: String { SQLiteConnectionRepository.runColumns }

    func save(_ c: StoredConnection) throws {
        try db.execute("""
            INSERT INTO connections (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (tenant_id, id) DO UPDATE SET kind = excluded.kind, name = excluded.name, settings = excluded.settings,
                credentials = excluded.credentials, credential_hint = excluded.credential_hint, next_run_at = excluded.next_run_at
            """, c.tenant, c.id.rawValue, c.kind.rawValue, c.name, c.settings, c.sealedCredentials, c.credentialHint,
            c.createdAt, c.nextRunAt)
    }

    func connection(id: ConnectionID, tenant: TenantID) throws -> StoredConnection? {
        try db.queryOne("SELECT \(Self.columns) FROM connections WHERE tenant_id = $1 AND id = $2", tenant, id.rawValue,
                        map: Self.connection)
    }

    func connections(tenant: TenantID) throws -> [StoredConnection] {
        try db.query("SELECT \(Self.columns) FROM connections WHERE tenant_id = $1 ORDER BY created_at, id COLLATE \"C\"", tenant,
                     map: Self.connection)
    }

    func delete(id: ConnectionID, tenant: TenantID) throws {
        try db.execute("DELETE FROM connections WHERE tenant_id = $1 AND id = $2", tenant, id.rawValue)
    }

    func due(at now: Date, limit: Int) throws -> [StoredConnection] {
        try db.query("""
            SELECT \(Self.columns) FROM connections WHERE next_run_at IS NOT NULL AND next_run_at <= $1
            AND (run_lease_until IS NULL OR run_lease_until < $1) ORDER BY next_run_at LIMIT $2
            """, now, limit, map: Self.connection)
    }

    func claimRun(of id: ConnectionID, tenant: TenantID, by owner: String, at now: Date, leaseUntil: Date) throws -> Bool {
        try db.queryOne("""
            UPDATE connections SET run_owner = $1, run_lease_until = $2
            WHERE tenant_id = $3 AND id = $4 AND (run_lease_until IS NULL OR run_lease_until < $5) RETURNING 1
            """, owner, leaseUntil, tenant, id.rawValue, now) { _ in true } ?? false
    }

    func holdsRun(of id: ConnectionID, tenant: TenantID, by owner: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM connections WHERE tenant_id = $1 AND id = $2 AND run_owner = $3",
                        tenant, id.rawValue, owner) { _ in true } ?? false
    }

    func releaseRun(of id: ConnectionID, tenant: TenantID, by owner: String, nextRunAt: Date?) throws {
        try db.execute("""
            UPDATE connections SET run_owner = NULL, run_lease_until = NULL, next_run_at = $1
            WHERE tenant_id = $2 AND id = $3 AND run_owner = $4
            """, nextRunAt, tenant, id.rawValue, owner)
    }

    func append(_ run: ConnectionRun) throws {
        try db.execute("INSERT INTO connection_runs (\(Self.runColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       run.tenant, run.connectionID.rawValue, run.id, run.startedAt, run.finishedAt, run.outcome.rawValue,
                       run.summary, run.error)
    }

    func runs(of id: ConnectionID, tenant: TenantID, limit: Int) throws -> [ConnectionRun] {
        try db.query("""
            SELECT \(Self.runColumns) FROM connection_runs WHERE tenant_id = $1 AND connection_id = $2
            ORDER BY finished_at DESC, started_at DESC LIMIT $3
            """, tenant, id.rawValue, limit, map: Self.run)
    }

    func links(tenant: TenantID) throws -> [MemberID: [SourceLink]] {
        var links: [MemberID: [SourceLink]] = [:]
        for (member, link) in try db.query("""
            SELECT member_id, connection_id, source_id, is_active FROM source_links WHERE tenant_id = $1
            ORDER BY connection_id COLLATE "C", source_id COLLATE "C"
            """, tenant, map: { row in
                (MemberID(row.string(0)), SourceLink(connectionID: ConnectionID(row.string(1)), sourceID: row.string(2), isActive: row.bool(3)))
            }) {
            links[member, default: []].append(link)
        }
        return links
    }

    func saveLinks(_ links: [SourceLink], of connection: ConnectionID, member: MemberID, tenant: TenantID) throws {
        try db.execute("DELETE FROM source_links WHERE tenant_id = $1 AND connection_id = $2 AND member_id = $3",
                       tenant, connection.rawValue, member)
        for link in links where link.connectionID == connection {
            try db.execute("""
                INSERT INTO source_links (tenant_id, connection_id, source_id, member_id, is_active) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, connection_id, source_id) DO UPDATE SET member_id = excluded.member_id, is_active = excluded.is_active
                """, tenant, connection.rawValue, link.sourceID, member, link.isActive)
        }
    }

    func syncedLinks(of connection: ConnectionID, tenant: TenantID) throws -> [SyncedLink] {
        try db.query("""
            SELECT l.source_id, l.member_id, l.is_active,
                CASE WHEN l.synced_version = m.version AND m.lifecycle = 'live' THEN l.fingerprint END
            FROM source_links l JOIN members m ON m.tenant_id = l.tenant_id AND m.id = l.member_id
            WHERE l.tenant_id = $1 AND l.connection_id = $2
            """, tenant, connection.rawValue, map: { row in
                SyncedLink(sourceID: row.string(0), memberID: MemberID(row.string(1)), isActive: row.bool(2),
                           fingerprint: row.optionalString(3).map(SyncFingerprint.init(rawValue:)))
            })
    }

    func mark(_ marks: [SyncMark], of connection: ConnectionID, tenant: TenantID) throws {
        for mark in marks {
            try db.execute("""
                UPDATE source_links SET fingerprint = $1, synced_version = $2 WHERE tenant_id = $3 AND connection_id = $4 AND source_id = $5
                """, mark.fingerprint.rawValue, mark.memberVersion, tenant, connection.rawValue, mark.sourceID)
        }
    }
}
