import Coffee
import FoundationEssentials

/// The admin console's address list, sign-in links and sessions on PostgreSQL (as
/// ``SQLiteConsoleRepository``).
struct PostgresConsoleRepository: ConsoleRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    private static func hash(_ secret: String) -> PostgresBytes? {
        SQLitePortalRepository.hash(secret).map(PostgresBytes.init)
    }

    private static func administrator(_ row: PostgresRow) throws -> ConsoleAdministrator? {
        guard let email = try? EmailAddress(row.string(1)), let role = ConsoleRole(rawValue: row.string(2)) else { return nil }
        return ConsoleAdministrator(tenantID: TenantID(rawValue: row.string(0)), email: email, role: role, addedAt: try row.date(3))
    }

    func addAdministrator(_ administrator: ConsoleAdministrator) throws {
        _ = try db.execute("""
            INSERT INTO console_admins (tenant_id, email_folded, email, role, added_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id, email_folded) DO UPDATE SET email = excluded.email, role = excluded.role,
                added_at = excluded.added_at
            """, administrator.tenantID, administrator.email.normalized, administrator.email.rawValue,
            administrator.role.rawValue, administrator.addedAt)
    }

    func administrators(tenant: TenantID) throws -> [ConsoleAdministrator] {
        try db.query("""
            SELECT tenant_id, email, role, added_at FROM console_admins WHERE tenant_id = $1 ORDER BY email_folded COLLATE "C"
            """, tenant) { try Self.administrator($0) }.compactMap { $0 }
    }

    func administrators(normalizedEmail: String) throws -> [ConsoleAdministrator] {
        try db.query("""
            SELECT tenant_id, email, role, added_at FROM console_admins WHERE email_folded = $1 ORDER BY tenant_id COLLATE "C"
            """, normalizedEmail) { try Self.administrator($0) }.compactMap { $0 }
    }

    func removeAdministrator(normalizedEmail: String, tenant: TenantID) throws -> Bool {
        try db.execute("DELETE FROM console_admins WHERE tenant_id = $1 AND email_folded = $2", tenant, normalizedEmail) > 0
    }

    func insertLink(token: String, tenant: TenantID, normalizedEmail: String, at date: Date, expiresAt: Date) throws {
        guard let hash = Self.hash(token) else { throw StoreError(code: .misuse, message: "an empty or oversized link token") }
        _ = try db.execute("""
            INSERT INTO console_links (token_hash, tenant_id, email_folded, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            """, hash, tenant, normalizedEmail, date, expiresAt)
    }

    func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, normalizedEmail: String)? {
        guard let hash = Self.hash(token) else { return nil }
        return try db.queryOne("""
            UPDATE console_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING tenant_id, email_folded
            """, hash, date) { (TenantID(rawValue: $0.string(0)), $0.string(1)) }
    }

    func insertSession(id: String, _ session: ConsoleSession) throws {
        guard let hash = Self.hash(id) else { throw StoreError(code: .misuse, message: "an empty or oversized session id") }
        _ = try db.execute("""
            INSERT INTO console_sessions (id_hash, tenant_id, role, email, token_id, csrf_token, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, hash, session.tenantID, session.role.rawValue, session.email, session.tokenID, session.csrfToken,
            session.createdAt, session.expiresAt)
    }

    func session(id: String, at date: Date) throws -> ConsoleSession? {
        guard let hash = Self.hash(id) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, role, email, csrf_token, created_at, expires_at, token_id FROM console_sessions
            WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2
            """, hash, date) { row -> ConsoleSession? in
            guard let role = ConsoleRole(rawValue: row.string(1)) else { return nil }
            return ConsoleSession(tenantID: TenantID(rawValue: row.string(0)), role: role, email: row.optionalString(2),
                                  tokenID: row.optionalString(6), csrfToken: row.string(3), createdAt: try row.date(4),
                                  expiresAt: try row.date(5))
        } ?? nil
    }

    func revokeSession(id: String, at date: Date) throws {
        guard let hash = Self.hash(id) else { return }
        _ = try db.execute("UPDATE console_sessions SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL", date, hash)
    }
}
