import SCIM
import Testing
@testable import Store

@Suite("SQLiteResourceStore — listing, sorting, paging (RFC 7644 §3.4.2.3, §3.4.2.4)")
struct SQLiteResourceStoreReadTests {
    private static func names(_ page: ResourcePage) -> [String] {
        page.resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue }
    }

    @Test("pages follow creation order, never overlap, and cover every resource")
    func pagingIsStable() async throws {
        try await withResourceStore { store, a, _ in
            for index in 0..<25 { _ = try await store.create(userJSON("u\(index)"), kind: .user, tenant: a) }
            var seen: [String] = []
            for start in stride(from: 1, through: 25, by: 10) {
                let page = try await store.list(ResourceQuery(startIndex: start, count: 10), kind: .user, tenant: a)
                #expect(page.total == 25 && page.startIndex == start)
                seen += Self.names(page)
            }
            #expect(seen == (0..<25).map { "u\($0)" })
            let beyond = try await store.list(ResourceQuery(startIndex: 30, count: 10), kind: .user, tenant: a)
            #expect(beyond.total == 25 && beyond.resources.isEmpty)
            let none = try await store.list(ResourceQuery(count: 0), kind: .user, tenant: a)
            #expect(none.total == 25 && none.resources.isEmpty)
            let clamped = try await store.list(ResourceQuery(startIndex: -3, count: 2), kind: .user, tenant: a)
            #expect(clamped.startIndex == 1 && Self.names(clamped) == ["u0", "u1"])
        }
    }

    @Test("count is capped by maxPageSize")
    func countIsCapped() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxPageSize = 3
        try await withResourceStore(configuration: configuration) { store, a, _ in
            for index in 0..<5 { _ = try await store.create(userJSON("u\(index)"), kind: .user, tenant: a) }
            let page = try await store.list(ResourceQuery(count: 100), kind: .user, tenant: a)
            #expect(page.total == 5 && page.resources.count == 3)
        }
    }

    @Test("sortBy userName ignores case; displayName puts missing values last ascending, first descending; ties keep creation order")
    func sorting() async throws {
        try await withResourceStore { store, a, _ in
            _ = try await store.create(userJSON("b", displayName: "Zed"), kind: .user, tenant: a)
            _ = try await store.create(userJSON("C"), kind: .user, tenant: a)
            _ = try await store.create(userJSON("a", displayName: "same"), kind: .user, tenant: a)
            _ = try await store.create(userJSON("D", displayName: "Same"), kind: .user, tenant: a)
            let byName = try await store.list(ResourceQuery(sortBy: AttributePath(name: "USERNAME")), kind: .user, tenant: a)
            #expect(Self.names(byName) == ["a", "b", "C", "D"])
            let descending = try await store.list(ResourceQuery(sortBy: AttributePath(name: "userName"), ascending: false),
                                                  kind: .user, tenant: a)
            #expect(Self.names(descending) == ["D", "C", "b", "a"])
            let byDisplay = try await store.list(ResourceQuery(sortBy: AttributePath(name: "displayName")), kind: .user, tenant: a)
            #expect(Self.names(byDisplay) == ["a", "D", "b", "C"])
            let byDisplayDown = try await store.list(ResourceQuery(sortBy: AttributePath(name: "displayName"), ascending: false),
                                                     kind: .user, tenant: a)
            #expect(Self.names(byDisplayDown) == ["C", "b", "a", "D"])
            // The same order when the filter is evaluated in memory.
            #expect(!FilterSQL.translate(try FilterParser.parse("not (groups.display pr)"), kind: .user, tenant: a).isExact)
            let inMemory = try await store.list(ResourceQuery(filter: try FilterParser.parse("not (groups.display pr)"),
                                                              sortBy: AttributePath(name: "displayName"), ascending: false),
                                                kind: .user, tenant: a)
            #expect(Self.names(inMemory) == ["C", "b", "a", "D"])
            let created = try await store.list(ResourceQuery(sortBy: try AttributePath.parse("meta.created"), count: 2),
                                               kind: .user, tenant: a)
            #expect(created.resources.count == 2)
            await #expect(throws: ResourceStoreError.unsupportedSort(attribute: "active")) {
                try await store.list(ResourceQuery(sortBy: AttributePath(name: "active")), kind: .user, tenant: a)
            }
        }
    }

    @Test("in-memory filtering pages after filtering, with the matching total")
    func inMemoryPaging() async throws {
        try await withResourceStore { store, a, _ in
            for index in 0..<12 {
                var user = userJSON("u\(index)")
                user["phoneNumbers"] = [["value": "1", "type": .string(index % 2 == 0 ? "even" : "odd")]]
                _ = try await store.create(user, kind: .user, tenant: a)
            }
            let filter = try FilterParser.parse(#"phoneNumbers[type eq "EVEN"]"#)
            #expect(!FilterSQL.translate(filter, kind: .user, tenant: a).isExact)
            let page = try await store.list(ResourceQuery(filter: filter, startIndex: 3, count: 2), kind: .user, tenant: a)
            #expect(page.total == 6 && Self.names(page) == ["u4", "u6"])
        }
    }

    @Test("excludedAttributes=members: lists skip members and groups when asked")
    func listWithoutMembers() async throws {
        try await withResourceStore { store, a, _ in
            let user = try await store.create(userJSON("u"), kind: .user, tenant: a)
            _ = try await store.create(groupJSON("G", members: [user.id]), kind: .group, tenant: a)
            let with = try await store.list(ResourceQuery(), kind: .group, tenant: a)
            #expect(with.resources.first?.members?.map(\.value) == [user.id])
            let without = try await store.list(ResourceQuery(includeMembers: false), kind: .group, tenant: a)
            #expect(without.resources.first?.members == nil)
            let users = try await store.list(ResourceQuery(filter: try FilterParser.parse(#"groups.display eq "g""#),
                                                           includeMembers: false), kind: .user, tenant: a)
            #expect(users.total == 1 && users.resources.first?.groups == nil)
        }
    }

    @Test("an invalid filter throws invalidFilter before any SQL")
    func invalidFilter() async throws {
        try await withResourceStore { store, a, _ in
            let error = await #expect(throws: SCIMError.self) {
                try await store.list(ResourceQuery(filter: try FilterParser.parse(#"nosuch eq "x""#)), kind: .user, tenant: a)
            }
            #expect(error?.scimType == .invalidFilter)
        }
    }
}
