import Testing
@testable import Store

/// Tokens an operator chose (`PERCOLATOR_SCIM_TOKEN`, `PERCOLATOR_ADMIN_TOKEN`): stored
/// hashed once; the same plaintext again, for any tenant or kind, stores nothing and says
/// so. The same assertions on both backends.
@Suite("Account store contract — importing a chosen token on SQLite and PostgreSQL")
struct AccountStoreImportedTokenTests {
    @Test("importToken: stored once and usable; again (another kind, another tenant) nil and nothing stored; malformed nil",
          arguments: StorageBackend.allCases)
    func importOnce(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let store = try #require(backend.store as? any AccountStore)
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let token = BearerToken.generate()
            let id = try #require(try await store.importToken(tenant: tenant, kind: .scim, plaintext: token, label: "chosen"))
            #expect(try await store.tokens(tenant: tenant).map(\.id) == [id])
            #expect(try await store.authenticate(plaintext: token, kind: .scim) == tenant)
            // Before: both backends returned a new id here although nothing was stored.
            #expect(try await store.importToken(tenant: tenant, kind: .admin, plaintext: token, label: nil) == nil)
            #expect(try await store.importToken(tenant: other, kind: .scim, plaintext: token, label: nil) == nil)
            #expect(try await store.tokens(tenant: tenant).map(\.id) == [id])
            #expect(try await store.tokens(tenant: other).isEmpty)
            #expect(try await store.authenticate(plaintext: token, kind: .admin) == nil)
            #expect(try await store.importToken(tenant: tenant, kind: .scim, plaintext: "secret", label: nil) == nil)
        }
    }
}
