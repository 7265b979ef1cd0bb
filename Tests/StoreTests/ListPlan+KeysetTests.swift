import Coffee
import SCIM
import Testing
@testable import Store

@Suite("SQLiteResourceStore — keyset pages of cursor walks (RFC 9865 §2)")
struct ListPlanKeysetTests {
    /// Creates `count` users named `prefix00000…`, 32 at a time (the batcher
    /// group-commits them), with a displayName (missing on every 7th, repeated in tens)
    /// and an externalId (missing on every 5th); returns their ids by name, which is not
    /// quite creation order.
    static func seed(_ store: SQLiteResourceStore, tenant: Store.TenantID, count: Int, prefix: String = "u") async throws -> [String] {
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var ids = [String](repeating: "", count: count)
            var next = 0
            func add(_ index: Int) {
                group.addTask {
                    let name = prefix + String(100_000 + index).dropFirst()
                    let user = userJSON(name, displayName: index % 7 == 0 ? nil : "Name \(index / 10)",
                                        externalId: index % 5 == 0 ? nil : "x\(index * 7919 % 1000)")
                    return (index, try await store.create(user, kind: .user, tenant: tenant).id)
                }
            }
            while next < min(32, count) { add(next); next += 1 }
            for try await (index, id) in group {
                ids[index] = id
                if next < count { add(next); next += 1 }
            }
            return ids
        }
    }

    /// Follows `next` from the start; the ids in the order returned.
    static func walk(_ store: SQLiteResourceStore, tenant: Store.TenantID, query: ResourceQuery,
                     between: (Int) async throws -> Void = { _ in }) async throws -> [String] {
        var query = query
        var seen: [String] = []
        var seek: ResourceSeek? = .after(nil)
        var pages = 0
        while let current = seek {
            query.seek = current
            let page = try await store.list(query, kind: .user, tenant: tenant)
            #expect(page.resources.count <= query.count)
            #expect((pages == 0) == (page.previous == nil), "previous is absent on the first page only")
            seen += page.resources.map(\.id)
            seek = page.next
            pages += 1
            try await between(pages)
            guard pages <= 100_000 else { Issue.record("the walk does not end"); break }
        }
        return seen
    }

    @Test("10,000 users in pages of 100, with random creates and deletes between pages: every user present throughout is seen exactly once")
    func walkUnderChurn() async throws {
        try await withResourceStore { store, a, _ in
            let initial = try await Self.seed(store, tenant: a, count: 10_000)
            var alive = initial
            var deleted = Set<String>()
            var generator = SeededGenerator(seed: 9865)
            let seen = try await Self.walk(store, tenant: a, query: ResourceQuery(count: 100, includeMembers: false)) { page in
                // Five deletes anywhere (seen or not yet), five creates (they land at the end).
                for _ in 0..<5 where !alive.isEmpty {
                    let id = alive.remove(at: Int.random(in: 0..<alive.count, using: &generator))
                    try await store.delete(id: id, kind: .user, tenant: a, expectedVersion: nil)
                    deleted.insert(id)
                }
                for index in 0..<5 {
                    alive.append(try await store.create(userJSON("new-\(page)-\(index)"), kind: .user, tenant: a).id)
                }
            }
            #expect(Set(seen).count == seen.count, "no user is returned twice")
            let throughout = Set(initial).subtracting(deleted)
            #expect(throughout.isSubset(of: Set(seen)), "no user present throughout is skipped")
            #expect(deleted.count > 400 && throughout.count < 10_000 - 300, "the walk really ran under churn")
        }
    }

    /// The orders a walk is checked in: creation order, and each sort column both ways
    /// (displayName and externalId have missing values and ties).
    static let orders: [(String?, Bool)] = [
        (nil, true), ("userName", true), ("userName", false), ("displayName", true), ("displayName", false),
        ("externalId", true), ("externalId", false), ("meta.created", false), ("id", true),
    ]

    @Test("a walk forwards and back gives the index order, sorted or not, filtered in SQL or in memory", arguments: orders)
    func walkMatchesIndexOrder(sortBy: String?, ascending: Bool) async throws {
        try await withResourceStore { store, a, _ in
            _ = try await Self.seed(store, tenant: a, count: 260)
            for filterText in [nil, "userName sw \"u001\" or displayName pr", "not (groups.display pr) and userName ne \"u00003\""] {
                let filter = try filterText.map { text throws(SCIMError) in try FilterParser.parse(text) }
                let base = ResourceQuery(filter: filter, sortBy: try sortBy.map { text throws(SCIMError) in try AttributePath.parse(text) }, ascending: ascending,
                                         count: 1_000, includeMembers: false)
                let expected = try await store.list(base, kind: .user, tenant: a).resources.map(\.id)
                var paged = base
                paged.count = 23
                let forward = try await Self.walk(store, tenant: a, query: paged)
                #expect(forward == expected, "forward walk of \(filterText ?? "everything")")

                // From the last page back to the first along `previous`.
                var seek = ResourceSeek.after(nil)
                var last = try await store.list(with(paged, seek), kind: .user, tenant: a)
                while let next = last.next {
                    seek = next
                    last = try await store.list(with(paged, seek), kind: .user, tenant: a)
                }
                var backward = last.resources.map(\.id)
                var page = last
                while let previous = page.previous {
                    page = try await store.list(with(paged, previous), kind: .user, tenant: a)
                    #expect(page.resources.count == 23 && page.next != nil)
                    backward = page.resources.map(\.id) + backward
                }
                #expect(backward == expected, "backward walk of \(filterText ?? "everything")")
            }
        }
    }

    @Test("count 0 returns the total and the same seek while resources remain; an empty list has no next")
    func countZero() async throws {
        try await withResourceStore { store, a, b in
            _ = try await Self.seed(store, tenant: a, count: 3)
            let none = try await store.list(ResourceQuery(count: 0, seek: .after(nil)), kind: .user, tenant: a)
            #expect(none.total == 3 && none.resources.isEmpty && none.next == .after(nil) && none.previous == nil)
            let empty = try await store.list(ResourceQuery(count: 10, seek: .after(nil)), kind: .user, tenant: b)
            #expect(empty.total == 0 && empty.next == nil && empty.previous == nil)
        }
    }

    @Test("a page cut short by the byte budget goes on from the first resource left out")
    func budgetCut() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxPageBytes = 2_000
        try await withResourceStore(configuration: configuration) { store, a, _ in
            let ids = try await Self.seed(store, tenant: a, count: 40)
            let first = try await store.list(ResourceQuery(count: 40, includeMembers: false, seek: .after(nil)), kind: .user, tenant: a)
            #expect(first.resources.count < 40 && first.next != nil)
            let seen = try await Self.walk(store, tenant: a, query: ResourceQuery(count: 40, includeMembers: false))
            // The seed creates concurrently: its ids are not in creation order.
            #expect(seen.count == ids.count && Set(seen) == Set(ids))
        }
    }

    @Test("a position of another tenant's resource seeks in the caller's tenant only")
    func tenantScoped() async throws {
        try await withResourceStore { store, a, b in
            _ = try await Self.seed(store, tenant: a, count: 5, prefix: "a")
            _ = try await Self.seed(store, tenant: b, count: 5, prefix: "b")
            let seen = try await Self.walk(store, tenant: b, query: ResourceQuery(count: 2, includeMembers: false))
            let names = try await store.list(ResourceQuery(count: 10), kind: .user, tenant: b).resources.map(\.id)
            #expect(seen == names && seen.count == 5)
        }
    }

    private func with(_ query: ResourceQuery, _ seek: ResourceSeek) -> ResourceQuery {
        var query = query
        query.seek = seek
        return query
    }
}
