import CSQLite
import Foundation
import Testing
@testable import Store

/// The page cache of `Sources/CSQLite/page_cache.h`: SQLite's own, but a truncation with
/// nothing to drop is skipped. Driven directly through its methods (what a B-tree split does
/// to the keys, then the end-of-transaction truncation), and through SQLite (splits,
/// rollbacks of a growing file, integrity).
@Suite("Page cache — truncations with nothing to drop are skipped")
struct PageCacheTests {
    /// A cache of `pages` 4 KiB pages keyed 1...pages, each fetched then unpinned (kept).
    private struct Cache {
        let methods: sqlite3_pcache_methods2
        let cache: OpaquePointer

        init(pages: UInt32) throws {
            let methods = try #require(Connection.pageCacheMethods).pointee
            // SQLite's own cache allocates through sqlite3's allocator, set up at initialization
            // (which the first connection does in the server).
            #expect(sqlite3_initialize() == SQLITE_OK)
            self.methods = methods
            cache = try #require(methods.xCreate(4_096, 64, 1))
            methods.xCachesize(cache, 1_000)
            for key in 1...pages { try unpin(#require(fetch(key, create: true))) }
        }

        func fetch(_ key: UInt32, create: Bool = false) -> UnsafeMutablePointer<sqlite3_pcache_page>? {
            methods.xFetch(cache, key, create ? 2 : 0)
        }

        func unpin(_ page: UnsafeMutablePointer<sqlite3_pcache_page>) { methods.xUnpin(cache, page, 0) }

        /// Whether a page is cached at `key` (left unpinned).
        func holds(_ key: UInt32) -> Bool {
            guard let page = fetch(key) else { return false }
            unpin(page)
            return true
        }

        func rekey(_ from: UInt32, to: UInt32) throws {
            let page = try #require(fetch(from))
            methods.xRekey(cache, page, from, to)
            unpin(page)
        }

        /// What balance_nonroot does to two pages it holds pinned: A to the parking number,
        /// B to A's number, A to B's.
        func swap(_ a: UInt32, _ b: UInt32, through parking: UInt32) throws {
            let pageA = try #require(fetch(a)), pageB = try #require(fetch(b))
            methods.xRekey(cache, pageA, a, parking)
            methods.xRekey(cache, pageB, b, a)
            methods.xRekey(cache, pageA, parking, b)
            unpin(pageA)
            unpin(pageB)
        }

        /// Truncates at `limit`; whether the truncation reached SQLite's cache.
        func truncate(_ limit: UInt32) -> Bool {
            let before = Connection.pageCacheTruncationsPassed(by: cache)
            methods.xTruncate(cache, limit)
            return Connection.pageCacheTruncationsPassed(by: cache) > before
        }

        func destroy() { methods.xDestroy(cache) }
    }

    /// SQLite's parking number for a page-number swap: PENDING_BYTE's page + 1.
    private static let parking: UInt32 = 0x4000_0000 / 4_096 + 1

    @Test("a split's swap through the parking number leaves nothing to drop; a page left there is dropped")
    func swapThroughParking() throws {
        let cache = try Cache(pages: 10)
        defer { cache.destroy() }
        #expect(cache.truncate(11) == false)
        try cache.swap(3, 7, through: Self.parking)
        #expect(cache.truncate(11) == false)
        #expect((1...10).allSatisfy(cache.holds))

        // A page still parked is past any limit below it: passed on, and dropped.
        try cache.rekey(7, to: Self.parking)
        #expect(cache.truncate(11) == true)
        #expect(!cache.holds(Self.parking))
        #expect(cache.holds(6) && cache.holds(10))
        #expect(cache.truncate(11) == false)
    }

    @Test("pages at or past the limit are dropped, those below it kept")
    func dropsPastTheLimit() throws {
        let cache = try Cache(pages: 10)
        defer { cache.destroy() }
        #expect(cache.truncate(6) == true)
        #expect((1...5).allSatisfy(cache.holds))
        #expect(!(6...10).contains(where: cache.holds))
        #expect(cache.truncate(6) == false)
        #expect(cache.truncate(1) == true)
        #expect(!(1...5).contains(where: cache.holds))
        #expect(cache.truncate(1) == false)
        // A page fetched past the old bound raises it again.
        try cache.unpin(#require(cache.fetch(40, create: true)))
        #expect(cache.truncate(41) == false)
        #expect(cache.truncate(40) == true)
        #expect(!cache.holds(40))
    }

    @Test("more parked keys than it tracks apart raise the bound: the truncation is passed on")
    func parkedOverflow() throws {
        let cache = try Cache(pages: 20)
        defer { cache.destroy() }
        for key in UInt32(1)...9 { try cache.rekey(key, to: 500_000 + key) }
        #expect(cache.truncate(21) == true)
        #expect(!(UInt32(500_001)...500_009).contains(where: cache.holds))
        #expect((10...20).allSatisfy(cache.holds))
        #expect(cache.truncate(21) == false)
    }

    @Test("through SQLite: random inserts (splits), a rolled-back growth and a shrinking delete keep the file whole")
    func sqliteStaysWhole() async throws {
        try await withTemporaryPath { path in
            let db = try Connection(path: path)
            try db.pragma("cache_size", set: "-32768")
            try db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
            try db.execute("CREATE INDEX t_by_v ON t (v)")
            let skippedBefore = Connection.pageCacheTruncationsSkipped
            var generator = SystemRandomNumberGenerator()
            var expected = 0
            for _ in 0..<200 {
                try db.transaction(.immediate) { db in
                    for _ in 0..<20 {
                        try db.execute("INSERT INTO t VALUES (?, ?)", UUID().uuidString,
                                       String(repeating: "v", count: Int.random(in: 20...200, using: &generator)))
                    }
                }
                expected += 20
            }
            #expect(Connection.pageCacheTruncationsSkipped > skippedBefore)

            // A transaction that grows the file, rolled back: its new pages must leave the
            // cache, or the next transaction to allocate those numbers would find them.
            let pagesBefore = try #require(db.queryOne("PRAGMA page_count") { $0.int(0) })
            try db.execute("BEGIN IMMEDIATE")
            for index in 0..<2_000 { try db.execute("INSERT INTO t VALUES (?, ?)", "rolled-back-\(index)", String(repeating: "r", count: 300)) }
            try db.execute("ROLLBACK")
            #expect(try db.queryOne("PRAGMA page_count") { $0.int(0) } == pagesBefore)
            try db.transaction(.immediate) { db in
                for index in 0..<2_000 { try db.execute("INSERT INTO t VALUES (?, ?)", "kept-\(index)", String(repeating: "k", count: 300)) }
            }
            expected += 2_000
            try db.transaction(.immediate) { db in try db.execute("DELETE FROM t WHERE k LIKE 'kept-1%'") }
            expected -= 1_111
            #expect(try db.queryOne("PRAGMA integrity_check") { $0.string(0) } == "ok")
            #expect(try db.queryOne("SELECT count(*) FROM t") { $0.int(0) } == expected)
            #expect(try db.queryOne("SELECT count(*) FROM t WHERE k LIKE 'rolled-back-%'") { $0.int(0) } == 0)
            #expect(try db.queryOne("SELECT count(*) FROM t WHERE v LIKE 'k%'") { $0.int(0) } == 889)
        }
    }
}
