import SCIM
import Testing
@testable import Store

/// Which filters PostgreSQL narrows with indexes before the evaluator decides.
@Suite("PostgresFilterBound — indexed supersets of SCIM filters")
struct PostgresFilterBoundTests {
    @Test("equalities on indexed attributes become parameterised conditions; the rest none", arguments: [
        (#"userName eq "Bob""#, ResourceKind.user, "r.user_name_folded = $3", ["bob"]),
        (#"id eq "AbC""#, .user, "r.id = $3", ["AbC"]),
        (#"externalId eq "X-1""#, .group, "r.external_id = $3", ["X-1"]),
        (#"displayName eq "Sales""#, .group, "r.display_name_folded = $3", ["sales"]),
        (#"emails[value eq "A@B.C"]"#, .user,
         "EXISTS (SELECT 1 FROM scim_emails e WHERE e.resource_seq = r.seq AND e.tenant_id = r.tenant_id AND e.value_folded = $3)",
         ["a@b.c"]),
        (#"userName eq "a" and title co "x""#, .user, "r.user_name_folded = $3", ["a"]),
        (#"userName eq "a" or externalId eq "b""#, .user, "(r.user_name_folded = $3 OR r.external_id = $4)", ["a", "b"]),
        (#"userName eq "a" or title eq "b""#, .user, nil, []),
        (#"userName co "a""#, .user, nil, []),
        (#"userName eq "x'); DROP TABLE tenants; --""#, .user, "r.user_name_folded = $3", ["x'); drop table tenants; --"]),
    ] as [(String, ResourceKind, String?, [String])])
    func bounds(_ text: String, _ kind: ResourceKind, _ sql: String?, _ values: [String]) throws {
        let bound = PostgresResourceStore.indexedBound(try FilterParser.parse(text), kind: kind)
        #expect(bound?.sql == sql)
        #expect((bound?.values ?? []) == values)
    }
}
