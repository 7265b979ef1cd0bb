import FoundationEssentials

extension PostgresStore: TokenStore {
    private static let columns = "id, tenant_id, kind, label, created_at, last_used_at, revoked_at"

    private static func record(_ row: PostgresRow) throws -> TokenRecord {
        guard let kind = TokenKind(rawValue: row.string(2)) else {
            throw StoreError(code: .mismatch, message: "unknown token kind")
        }
        return TokenRecord(id: TokenID(rawValue: row.string(0)), tenantID: TenantID(rawValue: row.string(1)),
                           kind: kind, label: row.optionalString(3), createdAt: try row.date(4),
                           lastUsedAt: try row.optionalDate(5), revokedAt: try row.optionalDate(6))
    }

    /// Generates a ``BearerToken``, stores its SHA-256, and returns the plaintext once.
    /// Throws `.constraintForeignKey` when the tenant does not exist.
    public func issueToken(tenant: TenantID, kind: TokenKind, label: String?) async throws -> IssuedToken {
        let plaintext = BearerToken.generate()
        let hash = PostgresBytes(SHA256.hash(plaintext))
        let id = TokenID(rawValue: RandomID.make())
        let createdAt = now()
        let record = try await write { db in
            try db.queryOne("""
                INSERT INTO tokens (id, tenant_id, kind, hash, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                RETURNING \(Self.columns)
                """, id.rawValue, tenant, kind.rawValue, hash, label, createdAt, map: Self.record)
        }
        guard let record else { throw StoreError(code: .internal, message: "issued token not returned by its insert") }
        return IssuedToken(record: record, plaintext: plaintext)
    }

    /// Stores a token whose plaintext the operator chose, hashed like an issued one (as
    /// `SQLiteStore.importToken`); `nil` when it is not a well-formed ``BearerToken``, or
    /// when a token with that hash exists already (of any tenant or kind: then nothing is stored).
    public func importToken(tenant: TenantID, kind: TokenKind, plaintext: String, label: String?) async throws -> TokenID? {
        guard let digest = BearerToken.digest(of: plaintext) else { return nil }
        let id = TokenID(rawValue: RandomID.make())
        let createdAt = now()
        return try await write { db in
            try db.queryOne("""
                INSERT INTO tokens (id, tenant_id, kind, hash, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (hash) DO NOTHING RETURNING id
                """, id.rawValue, tenant, kind.rawValue, PostgresBytes(digest), label, createdAt) { TokenID(rawValue: $0.string(0)) }
        }
    }

    public func tokens(tenant: TenantID) async throws -> [TokenRecord] {
        try await read { db in
            try db.query("SELECT \(Self.columns) FROM tokens WHERE tenant_id = $1 ORDER BY created_at, id COLLATE \"C\"",
                         tenant, map: Self.record)
        }
    }

    @discardableResult
    public func revokeToken(id: TokenID) async throws -> Bool {
        let revokedAt = now()
        return try await write { db in
            try db.execute("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", revokedAt, id.rawValue) == 1
        }
    }

    /// Finds the token by its SHA-256, compares the stored hash in constant time, refuses
    /// revoked and other-kind tokens, and records the use at most once a
    /// ``SQLiteStore/lastUsedResolution`` (best effort, as on SQLite).
    public func authenticate(plaintext: String, kind: TokenKind) async throws -> TenantID? {
        try await authenticatedToken(plaintext: plaintext, kind: kind)?.tenant
    }

    /// ``authenticate(plaintext:kind:)`` with the matching token's id.
    public func authenticatedToken(plaintext: String, kind: TokenKind) async throws -> (tenant: TenantID, token: TokenID)? {
        guard let presented = BearerToken.digest(of: plaintext) else { return nil }
        let found = try await read { db in
            try db.queryOne("""
                SELECT id, tenant_id, hash, revoked_at IS NOT NULL, last_used_at FROM tokens WHERE hash = $1 AND kind = $2
                """, PostgresBytes(presented), kind.rawValue) { row in
                (id: row.string(0), tenant: row.string(1), hash: row.bytes(2), isRevoked: row.bool(3),
                 lastUsedAt: row.instant(4))
            }
        }
        guard let found, constantTimeEquals(found.hash, presented), !found.isRevoked else { return nil }
        let now = now()
        let threshold = now.addingTimeInterval(-SQLiteStore.lastUsedResolution)
        if found.lastUsedAt.map({ $0 <= threshold }) ?? true {
            let id = found.id
            _ = try? await write { db in
                try db.execute("""
                    UPDATE tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)
                    """, now, id, threshold)
            }
        }
        return (TenantID(rawValue: found.tenant), TokenID(rawValue: found.id))
    }

    /// The kind of the live token `plaintext`, or `nil`; records no use.
    public func liveTokenKind(plaintext: String) async throws -> TokenKind? {
        guard let presented = BearerToken.digest(of: plaintext) else { return nil }
        let found = try await read { db in
            try db.queryOne("SELECT hash, kind FROM tokens WHERE hash = $1 AND revoked_at IS NULL", PostgresBytes(presented)) {
                (hash: $0.bytes(0), kind: $0.string(1))
            }
        }
        guard let found, constantTimeEquals(found.hash, presented) else { return nil }
        return TokenKind(rawValue: found.kind)
    }
}
