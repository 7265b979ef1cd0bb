import Testing
@testable import Store

@Suite("Tokens — one tenant each, stored as SHA-256, revocable")
struct SQLiteStoreTokensTests {
    @Test("an issued token authenticates its tenant")
    func issueThenAuthenticate() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "acme")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: "Entra ID")
            #expect(issued.record.tenantID == tenant.id && issued.record.label == "Entra ID")
            #expect(BearerToken.isWellFormed(issued.plaintext))
            #expect(try await store.authenticate(plaintext: issued.plaintext, kind: .scim) == tenant.id)
        }
    }

    @Test("a wrong, malformed or altered token authenticates nobody")
    func wrongToken() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "acme")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: nil)
            var altered = Array(issued.plaintext.utf8)
            altered[altered.count - 1] = altered.last == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            for attempt in [BearerToken.generate(), "", "Bearer " + issued.plaintext,
                            String(decoding: altered, as: UTF8.self)] {
                #expect(try await store.authenticate(plaintext: attempt, kind: .scim) == nil)
            }
        }
    }

    @Test("a revoked token authenticates nobody, and revoking twice reports false")
    func revoked() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "acme")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: nil)
            #expect(try await store.revokeToken(id: issued.record.id))
            #expect(try await store.authenticate(plaintext: issued.plaintext, kind: .scim) == nil)
            #expect(try await !store.revokeToken(id: issued.record.id))
            #expect(try await !store.revokeToken(id: TokenID(rawValue: "unknown")))
            #expect(try await store.tokens(tenant: tenant.id).first?.isRevoked == true)
        }
    }

    @Test("a token of the other kind authenticates nobody")
    func otherKind() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "acme")
            let scim = try await store.issueToken(tenant: tenant.id, kind: .scim, label: nil)
            let admin = try await store.issueToken(tenant: tenant.id, kind: .admin, label: nil)
            #expect(try await store.authenticate(plaintext: scim.plaintext, kind: .admin) == nil)
            #expect(try await store.authenticate(plaintext: admin.plaintext, kind: .scim) == nil)
            #expect(try await store.authenticate(plaintext: admin.plaintext, kind: .admin) == tenant.id)
        }
    }

    @Test("only the SHA-256 is stored, never the plaintext")
    func storesHashOnly() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "acme")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: "l")
            let plaintext = issued.plaintext
            let rows = try await store.database.read { db in
                try db.query("SELECT hash, id, tenant_id, kind, label, created_at FROM tokens") { row in
                    (hash: row.blob(0), texts: (1...5).map { row.string($0) })
                }
            }
            #expect(rows.count == 1)
            #expect(rows[0].hash == SHA256.hash(plaintext))
            #expect(rows[0].hash != Array(plaintext.utf8))
            #expect(!rows[0].texts.contains { $0.contains(plaintext) || plaintext.contains($0) && $0.count > 8 })
            #expect(!"\(issued)".contains(plaintext))
        }
    }

    @Test("tokens of a tenant are listed with their records; other tenants' are not")
    func listsPerTenant() async throws {
        try await withTemporaryStore { store in
            let acme = try await store.createTenant(name: "acme")
            let beta = try await store.createTenant(name: "beta")
            let one = try await store.issueToken(tenant: acme.id, kind: .scim, label: "one")
            _ = try await store.issueToken(tenant: beta.id, kind: .scim, label: "two")
            #expect(try await store.tokens(tenant: acme.id) == [one.record])
            #expect(try await store.authenticate(plaintext: one.plaintext, kind: .scim) == acme.id)
        }
    }

    @Test("issuing for an unknown tenant throws constraintForeignKey")
    func unknownTenant() async throws {
        try await withTemporaryStore { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.issueToken(tenant: TenantID(rawValue: "missing"), kind: .scim, label: nil)
            }
            #expect(error?.code == .constraintForeignKey)
        }
    }

    @Test("lastUsedAt is set on use, then rewritten at most once a minute")
    func lastUsedAt() async throws {
        let clock = TestClock()
        try await withTemporaryStore(clock: clock) { store in
            let tenant = try await store.createTenant(name: "acme")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: nil)
            #expect(issued.record.lastUsedAt == nil)
            let lastUsed = { try await store.tokens(tenant: tenant.id).first?.lastUsedAt }

            clock.advance(by: 5)
            let firstUse = clock.now
            _ = try await store.authenticate(plaintext: issued.plaintext, kind: .scim)
            #expect(try await lastUsed() == firstUse)

            clock.advance(by: 30) // within the resolution: no write
            _ = try await store.authenticate(plaintext: issued.plaintext, kind: .scim)
            #expect(try await lastUsed() == firstUse)

            clock.advance(by: 31) // 61 s after the first use
            _ = try await store.authenticate(plaintext: issued.plaintext, kind: .scim)
            #expect(try await lastUsed() == clock.now)
        }
    }
}

extension SQLiteStoreTokensTests {
    @Test("authentication looks tokens up through the hash index, not a table scan")
    func usesHashIndex() async throws {
        try await withTemporaryStore { store in
            let plan = try await store.database.read { db in
                try db.query("EXPLAIN QUERY PLAN SELECT id FROM tokens WHERE hash = ? AND kind = ?",
                             [UInt8](repeating: 0, count: 32), "scim") { $0.string(3) }
            }
            #expect(plan.contains { $0.contains("USING INDEX") })
        }
    }
}
