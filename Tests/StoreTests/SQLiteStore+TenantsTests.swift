import Testing
@testable import Store

@Suite("Tenants — every row belongs to one")
struct SQLiteStoreTenantsTests {
    @Test("a created tenant is found by name and by id, and listed")
    func createAndFind() async throws {
        let clock = TestClock()
        try await withTemporaryStore(clock: clock) { store in
            let acme = try await store.createTenant(name: "acme")
            #expect(acme.createdAt == clock.now)
            #expect(try await store.tenant(named: "acme") == acme)
            #expect(try await store.tenant(id: acme.id) == acme)
            #expect(try await store.tenant(named: "nobody") == nil)
            _ = try await store.createTenant(name: "beta")
            #expect(try await store.tenants().map(\.name) == ["acme", "beta"])
        }
    }

    @Test("a taken name throws constraintUnique; an empty one constraintCheck")
    func uniqueName() async throws {
        try await withTemporaryStore { store in
            _ = try await store.createTenant(name: "acme")
            let taken = await #expect(throws: StoreError.self) { try await store.createTenant(name: "acme") }
            #expect(taken?.code == .constraintUnique)
            let empty = await #expect(throws: StoreError.self) { try await store.createTenant(name: "") }
            #expect(empty?.code == .constraintCheck)
        }
    }
}
