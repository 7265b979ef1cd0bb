import Testing
@testable import Store

@Suite("PageCursorCache — sequential pages seek instead of OFFSET")
struct PageCursorCacheTests {
    private let key = PageCursorCache.Key(tenant: TenantID(rawValue: "t"), kind: .user)

    @Test("a cursor is valid only with the deletion count it was read with")
    func deletions() {
        let cache = PageCursorCache(capacity: 2)
        cache.remember(key, startIndex: 101, afterSeq: 500, deletions: 0)
        #expect(cache.cursor(key, startIndex: 101, deletions: 0) == 500)
        #expect(cache.cursor(key, startIndex: 101, deletions: 1) == nil)
        #expect(cache.cursor(key, startIndex: 201, deletions: 0) == nil)
        cache.remember(key, startIndex: 201, afterSeq: 900, deletions: 0)
        cache.remember(key, startIndex: 301, afterSeq: 990, deletions: 0)  // over capacity: starts afresh
        #expect(cache.cursor(key, startIndex: 101, deletions: 0) == nil)
        #expect(cache.cursor(key, startIndex: 301, deletions: 0) == 990)
    }

    @Test("paging through a tenant gives the same pages as OFFSET, across creates and deletes")
    func pagesMatchOffset() async throws {
        try await withResourceStore { store, a, _ in
            var ids: [String] = []
            for index in 0..<30 { ids.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            func walk() async throws -> [String] {
                var seen: [String] = []
                var start = 1
                while true {
                    let page = try await store.list(ResourceQuery(startIndex: start, count: 7, includeMembers: false),
                                                    kind: .user, tenant: a)
                    seen += page.resources.map(\.id)
                    if page.resources.count < 7 { return seen }
                    start += 7
                }
            }
            #expect(try await walk() == ids)
            #expect(store.cursors.cursor(PageCursorCache.Key(tenant: a, kind: .user), startIndex: 8, deletions: 0) != nil)
            #expect(try await walk() == ids)  // through the cursors
            // A delete through another store instance over the same database is seen too.
            let other = SQLiteResourceStore(database: store.database)
            try await other.delete(id: ids[3], kind: .user, tenant: a, expectedVersion: nil)
            ids.remove(at: 3)
            ids.append(try await store.create(userJSON("late"), kind: .user, tenant: a).id)
            #expect(try await walk() == ids)
            #expect(try await walk() == ids)
        }
    }
}
