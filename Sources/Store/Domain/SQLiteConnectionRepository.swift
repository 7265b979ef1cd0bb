import Coffee
import FoundationEssentials

/// Connections, their runs and their links to members as rows of migration 0020.
public struct SQLiteConnectionRepository: ConnectionRepository {
    /// The transaction's connection.
    let db: Connection

    static let columns = "tenant_id, id, kind, name, settings, credentials, credential_hint, created_at, next_run_at"
    static let runColumns = "tenant_id, connection_id, id, started_at, finished_at, outcome, summary, error"

    static func connection(_ row: Row) throws -> StoredConnection {
        guard let kind = ConnectionKind(rawValue: row.string(2)) else {
            throw StoreError(code: .corrupt, message: "a connections row has an unknown kind")
        }
        return StoredConnection(id: ConnectionID(row.string(1)), tenant: TenantID(rawValue: row.string(0)), kind: kind,
                                name: row.string(3), settings: row.string(4), sealedCredentials: row.string(5),
                                credentialHint: row.string(6), createdAt: try row.date(7), nextRunAt: try row.optionalDate(8))
    }

    static func run(_ row: Row) throws -> ConnectionRun {
        guard let outcome = ConnectionRun.Outcome(rawValue: row.string(5)) else {
            throw StoreError(code: .corrupt, message: "a connection_runs row has an unknown outcome")
        }
        return ConnectionRun(id: row.string(2), connectionID: ConnectionID(row.string(1)), tenant: TenantID(rawValue: row.string(0)),
                             startedAt: try row.date(3), finishedAt: try row.date(4), outcome: outcome,
                             summary: row.string(6), error: row.optionalString(7))
    }

    public func save(_ c: StoredConnection) throws {
        try db.execute("""
            INSERT INTO connections (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE SET kind = excluded.kind, name = excluded.name, settings = excluded.settings,
                credentials = excluded.credentials, credential_hint = excluded.credential_hint, next_run_at = excluded.next_run_at
            """, c.tenant, c.id.rawValue, c.kind.rawValue, c.name, c.settings, c.sealedCredentials, c.credentialHint,
            Timestamp.string(from: c.createdAt), c.nextRunAt.map(Timestamp.string(from:)))
    }

    public func connection(id: ConnectionID, tenant: TenantID) throws -> StoredConnection? {
        try db.queryOne("SELECT \(Self.columns) FROM connections WHERE tenant_id = ? AND id = ?", tenant, id.rawValue,
                        map: Self.connection)
    }

    public func connections(tenant: TenantID) throws -> [StoredConnection] {
        try db.query("SELECT \(Self.columns) FROM connections WHERE tenant_id = ? ORDER BY created_at, id", tenant,
                     map: Self.connection)
    }

    public func delete(id: ConnectionID, tenant: TenantID) throws {
        try db.execute("DELETE FROM connections WHERE tenant_id = ? AND id = ?", tenant, id.rawValue)
    }

    public func due(at now: Date, limit: Int) throws -> [StoredConnection] {
        let stamp = Timestamp.string(from: now)
        return try db.query("""
            SELECT \(Self.columns) FROM connections WHERE next_run_at IS NOT NULL AND next_run_at <= ?
            AND (run_lease_until IS NULL OR run_lease_until < ?) ORDER BY next_run_at LIMIT ?
            """, stamp, stamp, limit, map: Self.connection)
    }

    public func claimRun(of id: ConnectionID, tenant: TenantID, by owner: String, at now: Date, leaseUntil: Date) throws -> Bool {
        try db.queryOne("""
            UPDATE connections SET run_owner = ?, run_lease_until = ?
            WHERE tenant_id = ? AND id = ? AND (run_lease_until IS NULL OR run_lease_until < ?) RETURNING 1
            """, owner, Timestamp.string(from: leaseUntil), tenant, id.rawValue, Timestamp.string(from: now)) { _ in true } ?? false
    }

    public func holdsRun(of id: ConnectionID, tenant: TenantID, by owner: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM connections WHERE tenant_id = ? AND id = ? AND run_owner = ?",
                        tenant, id.rawValue, owner) { _ in true } ?? false
    }

    public func releaseRun(of id: ConnectionID, tenant: TenantID, by owner: String, nextRunAt: Date?) throws {
        try db.execute("""
            UPDATE connections SET run_owner = NULL, run_lease_until = NULL, next_run_at = ?
            WHERE tenant_id = ? AND id = ? AND run_owner = ?
            """, nextRunAt.map(Timestamp.string(from:)), tenant, id.rawValue, owner)
    }

    public func append(_ run: ConnectionRun) throws {
        try db.execute("INSERT INTO connection_runs (\(Self.runColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       run.tenant, run.connectionID.rawValue, run.id, Timestamp.string(from: run.startedAt),
                       Timestamp.string(from: run.finishedAt), run.outcome.rawValue, run.summary, run.error)
    }

    public func runs(of id: ConnectionID, tenant: TenantID, limit: Int) throws -> [ConnectionRun] {
        try db.query("""
            SELECT \(Self.runColumns) FROM connection_runs WHERE tenant_id = ? AND connection_id = ?
            ORDER BY finished_at DESC, rowid DESC LIMIT ?
            """, tenant, id.rawValue, limit, map: Self.run)
    }

    public func links(tenant: TenantID) throws -> [MemberID: [SourceLink]] {
        var links: [MemberID: [SourceLink]] = [:]
        for (member, link) in try db.query("""
            SELECT member_id, connection_id, source_id, is_active FROM source_links WHERE tenant_id = ? ORDER BY rowid
            """, tenant, map: { row in
                (MemberID(row.string(0)), SourceLink(connectionID: ConnectionID(row.string(1)), sourceID: row.string(2), isActive: row.bool(3)))
            }) {
            links[member, default: []].append(link)
        }
        return links
    }

    public func saveLinks(_ links: [SourceLink], of connection: ConnectionID, member: MemberID, tenant: TenantID) throws {
        try db.execute("DELETE FROM source_links WHERE tenant_id = ? AND connection_id = ? AND member_id = ?",
                       tenant, connection.rawValue, member)
        for link in links where link.connectionID == connection {
            try db.execute("""
                INSERT INTO source_links (tenant_id, connection_id, source_id, member_id, is_active) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, connection_id, source_id) DO UPDATE SET member_id = excluded.member_id, is_active = excluded.is_active
                """, tenant, connection.rawValue, link.sourceID, member, link.isActive)
        }
    }

    public func syncedLinks(of connection: ConnectionID, tenant: TenantID) throws -> [SyncedLink] {
        try db.query("""
            SELECT l.source_id, l.member_id, l.is_active,
                CASE WHEN l.synced_version = m.version AND m.lifecycle = 'live' THEN l.fingerprint END
            FROM source_links l JOIN members m ON m.tenant_id = l.tenant_id AND m.id = l.member_id
            WHERE l.tenant_id = ? AND l.connection_id = ?
            """, tenant, connection.rawValue, map: { row in
                SyncedLink(sourceID: row.string(0), memberID: MemberID(row.string(1)), isActive: row.bool(2),
                           fingerprint: row.optionalString(3).map(SyncFingerprint.init(rawValue:)))
            })
    }

    public func mark(_ marks: [SyncMark], of connection: ConnectionID, tenant: TenantID) throws {
        for mark in marks {
            try db.execute("""
                UPDATE source_links SET fingerprint = ?, synced_version = ? WHERE tenant_id = ? AND connection_id = ? AND source_id = ?
                """, mark.fingerprint.rawValue, mark.memberVersion, tenant, connection.rawValue, mark.sourceID)
        }
    }
}
