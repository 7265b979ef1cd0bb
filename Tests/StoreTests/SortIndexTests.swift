import Foundation
import SCIM
import Testing
@testable import Store

/// Sorts by `meta.created` / `meta.lastModified` read their pages from the indexes of
/// migration 0016 (issue 15), so a sorted cursor walk stays O(page); a sort by a declared
/// extension attribute, which has no index, is bounded by `maxCandidates`.
@Suite("Sort indexes: meta.created and meta.lastModified pages from an index; declared-attribute sorts bounded")
struct SortIndexTests {
    @Test("every keyset segment of a meta.created / meta.lastModified sort reads an index in order, never sorting the tenant",
          arguments: ["meta.created", "meta.lastModified"], [true, false])
    func metaSortsUseAnIndex(path: String, ascending: Bool) async throws {
        try await withResourceStore { store, a, _ in
            let column = try #require(FilterSQL.sortColumn(try AttributePath.parse(path), kind: .user))
            let order = KeysetOrder(sortColumn: column, ascending: ascending)
            let position = ResourcePosition(seq: 5, key: "2026-01-01T00:00:00.000Z")
            for seek in [ResourceSeek.after(nil), .after(position), .before(position)] {
                for segment in order.segments(beyond: seek) {
                    let condition = segment.condition.map { " AND " + $0.sql } ?? ""
                    let plan = try await store.database.read { db in
                        try db.query("""
                            EXPLAIN QUERY PLAN SELECT r.seq FROM scim_resources r WHERE r.tenant_id = ? \
                            AND r.resource_type = 'User'\(condition) \(segment.orderBy) LIMIT 101
                            """, bindings: [.text(a.rawValue)] + (segment.condition?.bindings ?? [])) { $0.string(3) }
                    }
                    // A descending list breaks ties in creation order, so SQLite orders rows of
                    // equal key as it reads them ("RIGHT PART OF ORDER BY", as userName
                    // descending does); never a sort of the whole tenant.
                    #expect(!plan.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") || $0.hasPrefix("SCAN") },
                            "\(path) \(seek): \(plan)")
                    #expect(plan.contains { $0.contains("INDEX scim_resources_by_") }, "\(path) \(seek): \(plan)")
                }
            }
        }
    }

    @Test("a sort by a declared extension attribute over more than maxCandidates resources is tooMany")
    func declaredSortIsBounded() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxCandidates = 5
        let urn = "urn:example:acme"
        let schema = try ExtensionSchemaDeclaration.parse(["id": .string(urn), "attributes": [["name": "code"]]])
        try await withResourceStore(configuration: configuration) { store, a, _ in
            var query = ResourceQuery(sortBy: try AttributePath.parse("\(urn):code"))
            query.resourceType = ResourceType.user.declaring([schema])
            for index in 0..<6 {
                var user = userJSON("u\(index)")
                user[urn] = ["code": .string("c\(5 - index)")]
                _ = try await store.create(user, kind: .user, tenant: a)
                if index == 4 {
                    let page = try await store.list(query, kind: .user, tenant: a)
                    #expect(page.resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue } == ["u4", "u3", "u2", "u1", "u0"])
                }
            }
            await #expect(throws: ResourceStoreError.tooMany(limit: 5)) { try await store.list(query, kind: .user, tenant: a) }
            // Narrowed by an indexed filter, it answers again.
            query.filter = try FilterParser.parse(#"userName sw "u1""#)
            #expect(try await store.list(query, kind: .user, tenant: a).total == 1)
        }
    }
}
