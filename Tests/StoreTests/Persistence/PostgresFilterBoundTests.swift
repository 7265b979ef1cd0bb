import SCIM
import Testing
@testable import Store

/// Which filters PostgreSQL narrows with indexes before the evaluator decides.
@Suite("PostgresFilterBound — indexed supersets of SCIM filters")
struct PostgresFilterBoundTests {
    @Test("comparisons SQL can imply become parameterised conditions (LIKE escaped, instants bracketed); the rest none", arguments: [
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
        (#"title co "a""#, .user, nil, []),
        (#"userName co "A_%\\""#, .user, #"r.user_name_folded LIKE $3 ESCAPE '\'"#, [#"%a\_\%\\%"#]),
        (#"externalId sw "X""#, .user, #"r.external_id LIKE $3 ESCAPE '\'"#, ["X%"]),
        (#"displayName ew "S""#, .group, #"r.display_name_folded LIKE $3 ESCAPE '\'"#, ["%s"]),
        (#"emails.value co "@EX""#, .user,
         #"EXISTS (SELECT 1 FROM scim_emails e WHERE e.resource_seq = r.seq AND e.tenant_id = r.tenant_id AND e.value_folded LIKE $3 ESCAPE '\')"#,
         ["%@ex%"]),
        (#"meta.lastModified gt "2026-12-04T08:55:26.1234Z""#, .user, "r.last_modified >= $3::timestamptz", ["2026-12-04T08:55:26.123Z"]),
        (#"meta.created le "2026-12-04T08:55:26Z""#, .group, "r.created <= $3::timestamptz + interval '1 millisecond'",
         ["2026-12-04T08:55:26.000Z"]),
        (#"meta.created gt "0000-01-01T00:00:00Z""#, .user, nil, []),
        (#"active eq false"#, .user, "r.active IS NOT TRUE", []),
        (#"members[value eq "AB"]"#, .group,
         "EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id AND m.member_id = $3)",
         ["ab"]),
        (#"groups.value eq "g""#, .user,
         "EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant_id = r.tenant_id AND m.member_id = r.id AND m.group_id = $3)",
         ["g"]),
        (#"not (userName eq "a")"#, .user, "NOT COALESCE(r.user_name_folded = $3, FALSE)", ["a"]),
        // A Group's membership changes are rows of their own until folded (migration 0027).
        (#"meta.lastModified ge "2026-12-04T08:55:26Z""#, .group,
         "(greatest(r.last_modified, (SELECT max(c.changed_at) FROM scim_resource_changes c WHERE c.resource_seq = r.seq)))"
            + " >= $3::timestamptz", ["2026-12-04T08:55:26.000Z"]),
        (#"userName ne "A""#, .user, "NOT COALESCE(r.user_name_folded = $3, FALSE)", ["a"]),
        (#"userName gt "M""#, .user, #"r.user_name_folded COLLATE "C" > $3"#, ["m"]),
        (#"not (title eq "a")"#, .user, nil, []),
        (#"userName eq "x'); DROP TABLE tenants; --""#, .user, "r.user_name_folded = $3", ["x'); drop table tenants; --"]),
    ] as [(String, ResourceKind, String?, [String])])
    func bounds(_ text: String, _ kind: ResourceKind, _ sql: String?, _ values: [String]) throws {
        let bound = PostgresResourceStore.indexedBound(try FilterParser.parse(text), kind: kind)
        #expect(bound?.sql == sql)
        #expect((bound?.values ?? []) == values)
    }
}
