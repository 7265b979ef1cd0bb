import Testing
@testable import Store

@Suite("PageCursorCache — sequential pages seek instead of OFFSET")
struct PageCursorCacheTests {
    private let key = PageCursorCache.Key(tenant: TenantID(rawValue: "t"), kind: .user)

    @Test("a cursor is valid only for its generation, and none while a delete is in flight")
    func generations() {
        let cache = PageCursorCache()
        let generation = cache.generation(key) ?? -1
        cache.remember(key, startIndex: 101, afterSeq: 500, generation: generation)
        #expect(cache.cursor(key, startIndex: 101, generation: generation) == 500)
        cache.deleteWillStart(key)
        #expect(cache.generation(key) == nil && !cache.isCurrent(key, generation))
        cache.remember(key, startIndex: 201, afterSeq: 900, generation: generation)
        cache.deleteDidEnd(key)
        let next = cache.generation(key) ?? -1
        #expect(next != generation)
        #expect(cache.cursor(key, startIndex: 101, generation: next) == nil)
        #expect(cache.cursor(key, startIndex: 201, generation: next) == nil)
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
            let generation = try #require(store.cursors.generation(PageCursorCache.Key(tenant: a, kind: .user)))
            #expect(store.cursors.cursor(PageCursorCache.Key(tenant: a, kind: .user), startIndex: 8, generation: generation) != nil)
            #expect(try await walk() == ids)  // through the cursors
            try await store.delete(id: ids[3], kind: .user, tenant: a, expectedVersion: nil)
            ids.remove(at: 3)
            ids.append(try await store.create(userJSON("late"), kind: .user, tenant: a).id)
            #expect(try await walk() == ids)
            #expect(try await walk() == ids)
        }
    }
}
