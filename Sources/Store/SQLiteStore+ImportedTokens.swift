import FoundationEssentials

extension SQLiteStore {
    /// Stores a token whose plaintext the operator chose (for example from
    /// `PERCOLATOR_SCIM_TOKEN`), hashed like an issued one. The plaintext must be a
    /// well-formed ``BearerToken`` (`percolator token generate` prints one), so that
    /// every stored token carries 256 random bits. Returns `nil` when it is malformed, or when
    /// a token with that hash exists already (of any tenant or kind: then nothing is stored).
    public func importToken(tenant: TenantID, kind: TokenKind, plaintext: String, label: String?) async throws -> TokenID? {
        guard let hash = BearerToken.digest(of: plaintext) else { return nil }
        let id = TokenID(rawValue: RandomID.make())
        let createdAt = Timestamp.string(from: now())
        return try await database.write { db in
            try db.execute("""
                INSERT INTO tokens (id, tenant_id, kind, hash, label, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (hash) DO NOTHING
                """, id.rawValue, tenant.rawValue, kind.rawValue, hash, label, createdAt)
            return db.changes == 0 ? nil : id
        }
    }
}
