import FoundationEssentials

extension SQLiteStore: TokenStore {
    private static let columns = "id, tenant_id, kind, label, created_at, last_used_at, revoked_at"

    private static func record(_ row: Row) throws -> TokenRecord {
        guard let kind = TokenKind(rawValue: row.string(2)) else {
            throw StoreError(code: .mismatch, message: "unknown token kind")
        }
        return TokenRecord(id: TokenID(rawValue: row.string(0)), tenantID: TenantID(rawValue: row.string(1)),
                           kind: kind, label: row.optionalString(3), createdAt: try row.date(4),
                           lastUsedAt: try row.optionalDate(5), revokedAt: try row.optionalDate(6))
    }

    /// Generates a `BearerToken`, stores its SHA-256, and returns the plaintext once.
    public func issueToken(tenant: TenantID, kind: TokenKind, label: String?) async throws -> IssuedToken {
        let plaintext = BearerToken.generate()
        let hash = SHA256.hash(plaintext)
        let id = TokenID(rawValue: RandomID.make())
        let createdAt = Timestamp.string(from: now())
        let record = try await database.write { db in
            try db.execute("""
                INSERT INTO tokens (id, tenant_id, kind, hash, label, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, id.rawValue, tenant.rawValue, kind.rawValue, hash, label, createdAt)
            return try db.queryOne("SELECT \(Self.columns) FROM tokens WHERE id = ?", id.rawValue,
                                   map: Self.record)
        }
        guard let record else {
            throw StoreError(code: .internal, message: "issued token not found after insert")
        }
        return IssuedToken(record: record, plaintext: plaintext)
    }

    /// The tenant's tokens, oldest first, revoked ones included.
    public func tokens(tenant: TenantID) async throws -> [TokenRecord] {
        try await database.read { db in
            try db.query("SELECT \(Self.columns) FROM tokens WHERE tenant_id = ? ORDER BY created_at, id",
                         tenant.rawValue, map: Self.record)
        }
    }

    /// Sets `revoked_at` on an active token; `false` if unknown or already revoked.
    @discardableResult
    public func revokeToken(id: TokenID) async throws -> Bool {
        let revokedAt = Timestamp.string(from: now())
        return try await database.write { db in
            try db.execute("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           revokedAt, id.rawValue)
            return db.changes == 1
        }
    }

    /// Looks the token up by its SHA-256 on a reader, compares the stored hash in constant
    /// time, and refuses revoked and other-kind tokens.
    ///
    /// On success it writes `last_used_at` only if the stored value is older than
    /// `lastUsedResolution` (one write a minute per token, not one per request). That
    /// write is best effort: if it fails (e.g. `.busy`), the request is still
    /// authenticated, since bookkeeping must not lock an IdP out. A token revoked between
    /// the lookup and the end of the request is honoured for that one request.
    public func authenticate(plaintext: String, kind: TokenKind) async throws -> TenantID? {
        try await authenticatedToken(plaintext: plaintext, kind: kind)?.tenant
    }

    /// ``authenticate(plaintext:kind:)`` with the matching token's id.
    public func authenticatedToken(plaintext: String, kind: TokenKind) async throws -> (tenant: TenantID, token: TokenID)? {
        guard let presented = BearerToken.digest(of: plaintext) else { return nil }
        let found = try await database.read { db in
            try db.queryOne("""
                SELECT id, tenant_id, hash, revoked_at IS NOT NULL, last_used_at
                FROM tokens WHERE hash = ? AND kind = ?
                """, presented, kind.rawValue) { row in
                (id: row.string(0), tenant: row.string(1), hash: row.blob(2),
                 isRevoked: row.bool(3), lastUsedAt: row.optionalString(4))
            }
        }
        // The index lookup already matched; the constant-time compare guards the decision
        // itself against any future change to how the row is found.
        guard let found, constantTimeEquals(found.hash, presented), !found.isRevoked else {
            return nil
        }
        let now = now()
        let threshold = Timestamp.string(from: now.addingTimeInterval(-Self.lastUsedResolution))
        if found.lastUsedAt.map({ $0 <= threshold }) ?? true {
            let usedAt = Timestamp.string(from: now)
            let id = found.id
            _ = try? await database.write { db in
                try db.execute("""
                    UPDATE tokens SET last_used_at = ?
                    WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)
                    """, usedAt, id, threshold)
            }
        }
        return (TenantID(rawValue: found.tenant), TokenID(rawValue: found.id))
    }

    /// The kind of the live (not revoked) token `plaintext`, or `nil` for an unknown,
    /// revoked or malformed one. Records no use: it only tells a client that presented a
    /// valid token to the wrong API which API the token belongs to.
    public func liveTokenKind(plaintext: String) async throws -> TokenKind? {
        guard let presented = BearerToken.digest(of: plaintext) else { return nil }
        let found = try await database.read { db in
            try db.queryOne("SELECT hash, kind FROM tokens WHERE hash = ? AND revoked_at IS NULL", presented) { row in
                (hash: row.blob(0), kind: row.string(1))
            }
        }
        guard let found, constantTimeEquals(found.hash, presented) else { return nil }
        return TokenKind(rawValue: found.kind)
    }
}
