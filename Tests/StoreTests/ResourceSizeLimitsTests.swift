import SCIM
import Testing
@testable import Store

@Suite("Resource size limits at write time and a byte budget per list page")
struct ResourceSizeLimitsTests {
    private static let tooLong = String(repeating: "é", count: ResourceSizeLimits.maxStringBytes / 2 + 1)
    private static let longest = String(repeating: "x", count: ResourceSizeLimits.maxStringBytes)

    private static let oversized: [(path: String, attribute: String, value: JSONValue)] = [
        ("displayName", "displayName", .string(tooLong)),
        ("name.givenName", "name", ["givenName": .string(tooLong)]),
        ("emails.value", "emails", [["value": .string(tooLong)]]),
        ("\(SCIMSchemaURN.enterpriseUser).department", SCIMSchemaURN.enterpriseUser, ["department": .string(tooLong)]),
    ]

    @Test("a string over the limit, at any depth, is invalidResource naming it, and nothing is stored",
          arguments: oversized.indices)
    func oversizedStrings(index: Int) async throws {
        let (path, attribute, value) = Self.oversized[index]
        try await withResourceStore { store, a, _ in
            var user = userJSON("u")
            user[attribute] = value
            let error = await #expect(throws: ResourceStoreError.self) { try await store.create(user, kind: .user, tenant: a) }
            guard case .invalidResource(let detail)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(detail.contains("'\(path)'") && detail.contains("32 KiB"), "\(detail)")
            let stored = try await store.list(ResourceQuery(), kind: .user, tenant: a)
            #expect(stored.total == 0)
        }
    }

    @Test("strings at the limit are stored; a resource over 256 KiB as a whole is not; member display, by PUT and PATCH, is bounded too")
    func wholeResourceAndMembers() async throws {
        try await withResourceStore { store, a, _ in
            var user = userJSON("u", displayName: Self.longest)
            let created = try await store.create(user, kind: .user, tenant: a)
            user["addresses"] = .array((0..<8).map { _ in ["formatted": .string(Self.longest)] })
            await #expect(throws: ResourceStoreError.self) { try await store.create(userJSON("v").merging(user), kind: .user, tenant: a) }
            var group = groupJSON("g")
            group["members"] = [["value": .string(created.id), "display": .string(Self.tooLong)]]
            await #expect(throws: ResourceStoreError.self) { try await store.create(group, kind: .group, tenant: a) }
            let plain = try await store.create(groupJSON("h"), kind: .group, tenant: a)
            await #expect(throws: ResourceStoreError.self) {
                try await store.modify(id: plain.id, kind: .group, tenant: a, expectedVersion: nil, includeMembers: true) { _ in
                    var modification = ResourceModification()
                    modification.addedMembers = [created.id]
                    modification.memberDisplays = [created.id: Self.tooLong]
                    return modification
                }
            }
        }
    }

    @Test("a page stops before the resource that would pass maxPageBytes (never cut, never empty); paging goes on from there", arguments: [
        "", #"userName sw "u""#, "not (nickName pr)",
    ])
    func pageBudget(filter: String) async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxPageBytes = 3 * ResourceSizeLimits.maxStringBytes + 1000
        try await withResourceStore(configuration: configuration) { store, a, _ in
            for index in 0..<10 { _ = try await store.create(userJSON("u\(index)", displayName: Self.longest), kind: .user, tenant: a) }
            let parsed = filter.isEmpty ? nil : try FilterParser.parse(filter)
            var seen: [String] = []
            var start = 1
            while start <= 10 {
                let page = try await store.list(ResourceQuery(filter: parsed, startIndex: start, count: 100), kind: .user, tenant: a)
                #expect(page.total == 10)
                #expect(page.resources.count == 3 || start + page.resources.count == 11, "\(page.resources.count) at \(start)")
                #expect(page.resources.allSatisfy { $0.attributes[attribute: "displayName"]?.stringValue == Self.longest })
                seen += page.resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue }
                start += max(1, page.resources.count)
            }
            #expect(seen == (0..<10).map { "u\($0)" })
            configuration.maxPageBytes = 1
            let tiny = SQLiteResourceStore(database: store.database, configuration: configuration)
            let single = try await tiny.list(ResourceQuery(filter: parsed), kind: .user, tenant: a)
            #expect(single.resources.count == 1)
        }
    }

    @Test("candidates a filter needs to evaluate in memory are bounded in bytes too: beyond maxCandidateBytes, tooMany")
    func candidateBytes() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxCandidateBytes = 4 * ResourceSizeLimits.maxStringBytes
        try await withResourceStore(configuration: configuration) { store, a, _ in
            for index in 0..<10 { _ = try await store.create(userJSON("u\(index)", displayName: Self.longest), kind: .user, tenant: a) }
            let inMemory = try FilterParser.parse("not (groups.display pr)")
            #expect(!FilterSQL.translate(inMemory, kind: .user, tenant: a).isExact)
            await #expect(throws: ResourceStoreError.tooMany(limit: 3)) {
                try await store.list(ResourceQuery(filter: inMemory), kind: .user, tenant: a)
            }
            let narrowed = try FilterParser.parse(#"userName sw "u1" and not (groups.display pr)"#)
            #expect(try await store.list(ResourceQuery(filter: narrowed), kind: .user, tenant: a).total == 1)
        }
    }

    @Test("a group's members count against the page budget, and members of groups past it are not returned")
    func membersCount() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxPageBytes = 50 * PageBudget.referenceBytes
        try await withResourceStore(configuration: configuration) { store, a, _ in
            var ids: [String] = []
            for index in 0..<30 { ids.append(try await store.create(userJSON("u\(index)"), kind: .user, tenant: a).id) }
            for index in 0..<4 { _ = try await store.create(groupJSON("g\(index)", members: ids), kind: .group, tenant: a) }
            let page = try await store.list(ResourceQuery(), kind: .group, tenant: a)
            #expect(page.total == 4 && page.resources.count == 1 && page.resources[0].members?.count == 30)
            let bare = try await store.list(ResourceQuery(includeMembers: false), kind: .group, tenant: a)
            #expect(bare.resources.count == 4)
        }
    }
}

private extension JSONObject {
    /// `other`'s members over this object's, except `userName`.
    func merging(_ other: JSONObject) -> JSONObject {
        var result = self
        for member in other.members where member.key != "userName" { result[member.key] = member.value }
        return result
    }
}
