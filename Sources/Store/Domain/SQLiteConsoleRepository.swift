import Coffee
import FoundationEssentials

/// The admin console's address list, sign-in links and sessions as rows of migration
/// 0018; links and sessions are found by the SHA-256 of the token or cookie presented.
struct SQLiteConsoleRepository: ConsoleRepository {
    /// The transaction's connection.
    let db: Connection

    static func administrator(_ row: Row) throws -> ConsoleAdministrator? {
        guard let email = try? EmailAddress(row.string(1)), let role = ConsoleRole(rawValue: row.string(2)) else { return nil }
        return ConsoleAdministrator(tenantID: TenantID(rawValue: row.string(0)), email: email, role: role, addedAt: try row.date(3))
    }

    func addAdministrator(_ administrator: ConsoleAdministrator) throws {
        try db.execute("""
            INSERT INTO console_admins (tenant_id, email_folded, email, role, added_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, email_folded) DO UPDATE SET email = excluded.email, role = excluded.role,
                added_at = excluded.added_at
            """, administrator.tenantID, administrator.email.normalized, administrator.email.rawValue,
            administrator.role.rawValue, Timestamp.string(from: administrator.addedAt))
    }

    func administrators(tenant: TenantID) throws -> [ConsoleAdministrator] {
        try db.query("""
            SELECT tenant_id, email, role, added_at FROM console_admins WHERE tenant_id = ? ORDER BY email_folded
            """, tenant) { try Self.administrator($0) }.compactMap { $0 }
    }

    func administrators(normalizedEmail: String) throws -> [ConsoleAdministrator] {
        try db.query("""
            SELECT tenant_id, email, role, added_at FROM console_admins WHERE email_folded = ? ORDER BY tenant_id
            """, normalizedEmail) { try Self.administrator($0) }.compactMap { $0 }
    }

    func removeAdministrator(normalizedEmail: String, tenant: TenantID) throws -> Bool {
        try db.queryOne("DELETE FROM console_admins WHERE tenant_id = ? AND email_folded = ? RETURNING 1",
                        tenant, normalizedEmail) { _ in true } ?? false
    }

    func insertLink(token: String, tenant: TenantID, normalizedEmail: String, at date: Date, expiresAt: Date) throws {
        guard let hash = SQLitePortalRepository.hash(token) else {
            throw StoreError(code: .misuse, message: "an empty or oversized link token")
        }
        try db.execute("""
            INSERT INTO console_links (token_hash, tenant_id, email_folded, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            """, hash, tenant, normalizedEmail, Timestamp.string(from: date), Timestamp.string(from: expiresAt))
    }

    func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, normalizedEmail: String)? {
        guard let hash = SQLitePortalRepository.hash(token) else { return nil }
        return try db.queryOne("""
            UPDATE console_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
            RETURNING tenant_id, email_folded
            """, hash, Timestamp.string(from: date)) { (TenantID(rawValue: $0.string(0)), $0.string(1)) }
    }

    func insertSession(id: String, _ session: ConsoleSession) throws {
        guard let hash = SQLitePortalRepository.hash(id) else {
            throw StoreError(code: .misuse, message: "an empty or oversized session id")
        }
        try db.execute("""
            INSERT INTO console_sessions (id_hash, tenant_id, role, email, token_id, csrf_token, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, hash, session.tenantID, session.role.rawValue, session.email, session.tokenID, session.csrfToken,
            Timestamp.string(from: session.createdAt), Timestamp.string(from: session.expiresAt))
    }

    func session(id: String, at date: Date) throws -> ConsoleSession? {
        guard let hash = SQLitePortalRepository.hash(id) else { return nil }
        return try db.queryOne("""
            SELECT tenant_id, role, email, csrf_token, created_at, expires_at, token_id FROM console_sessions
            WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?
            """, hash, Timestamp.string(from: date)) { row -> ConsoleSession? in
            guard let role = ConsoleRole(rawValue: row.string(1)) else { return nil }
            return ConsoleSession(tenantID: TenantID(rawValue: row.string(0)), role: role, email: row.optionalString(2),
                                  tokenID: row.optionalString(6), csrfToken: row.string(3), createdAt: try row.date(4),
                                  expiresAt: try row.date(5))
        } ?? nil
    }

    func revokeSession(id: String, at date: Date) throws {
        guard let hash = SQLitePortalRepository.hash(id) else { return }
        try db.execute("UPDATE console_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
                       Timestamp.string(from: date), hash)
    }
}
