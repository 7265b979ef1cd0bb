import Testing
@testable import Store

@Suite("OrderIndexCache — pages at any startIndex seek instead of OFFSET")
struct OrderIndexCacheTests {
    /// Every page of size `size`, walked from `startIndex` 1, and pages at random starts.
    static func walk(_ store: SQLiteResourceStore, tenant: TenantID, size: Int) async throws -> [String] {
        var seen: [String] = []
        var start = 1
        while true {
            let page = try await store.list(ResourceQuery(startIndex: start, count: size, includeMembers: false), kind: .user, tenant: tenant)
            seen += page.resources.map(\.id)
            if page.resources.count < size { return seen }
            start += size
        }
    }

    @Test("pages give the creation order across creates, and deletes through another store instance")
    func pagesFollowCreationOrder() async throws {
        try await withResourceStore { store, a, b in
            var ids: [String] = []
            for index in 0..<30 { ids.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            _ = try await store.create(userJSON("other"), kind: .user, tenant: b)
            #expect(try await Self.walk(store, tenant: a, size: 7) == ids)
            // Inserts extend the index; a page in the middle is exact.
            ids.append(try await store.create(userJSON("late"), kind: .user, tenant: a).id)
            let middle = try await store.list(ResourceQuery(startIndex: 12, count: 5, includeMembers: false), kind: .user, tenant: a)
            #expect(middle.resources.map(\.id) == Array(ids[11..<16]))
            #expect(middle.total == 31)
            // A delete through another instance over the same database invalidates it.
            let other = SQLiteResourceStore(database: store.database)
            try await other.delete(id: ids[3], kind: .user, tenant: a, expectedVersion: nil)
            ids.remove(at: 3)
            #expect(try await Self.walk(store, tenant: a, size: 4) == ids)
            let last = try await store.list(ResourceQuery(startIndex: 30, count: 10, includeMembers: false), kind: .user, tenant: a)
            #expect(last.resources.map(\.id) == [ids[29]])
            let beyond = try await store.list(ResourceQuery(startIndex: 31, count: 10, includeMembers: false), kind: .user, tenant: a)
            #expect(beyond.resources.isEmpty)
        }
    }
}
