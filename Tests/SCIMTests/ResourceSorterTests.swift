import Testing
@testable import SCIM

@Suite("Sorting — RFC 7644 §3.4.2.3")
struct ResourceSorterTests {
    static let resources: [JSONValue] = [
        ["id": "a", "userName": "bob", "externalId": "B", "name": ["familyName": "Zed"], "active": true,
         "emails": [["value": "z@x"], ["value": "c@x", "primary": true]], "meta": ["lastModified": "2020-01-01T10:00:00+02:00"],
         .init(SCIMSchemaURN.enterpriseUser): ["employeeNumber": "2"]],
        ["id": "b", "userName": "Alice", "externalId": "a", "name": ["familyName": "young"], "active": false,
         "emails": [["value": "b@x"], ["value": "a@x"]], "meta": ["lastModified": "2020-01-01T09:00:00Z"]],
        ["id": "c", "userName": "carol", "externalId": "C",
         "meta": ["lastModified": "2019-12-31T23:00:00Z"], .init(SCIMSchemaURN.enterpriseUser): ["employeeNumber": "1"]],
        ["id": "d", "userName": "alice", "name": ["familyName": "Adams"], "active": true,
         "emails": ["value": "d@x"]],
    ]

    @Test("sorts by attribute type and caseExact; missing values last ascending, first descending", arguments: [
        ("userName", SortOrder.ascending, ["b", "d", "a", "c"]),       // case-insensitive, ties stable
        ("userName", .descending, ["c", "a", "b", "d"]),
        ("USERNAME", .ascending, ["b", "d", "a", "c"]),
        ("externalId", .ascending, ["a", "c", "b", "d"]),              // caseExact: "B" < "C" < "a"; missing last
        ("externalId", .descending, ["d", "b", "c", "a"]),             // missing first
        ("name.familyName", .ascending, ["d", "b", "a", "c"]),       // "Adams" < "young" < "Zed" ignoring case
        ("name.familyName", .descending, ["c", "a", "b", "d"]),
        ("emails.value", .ascending, ["b", "a", "d", "c"]),            // primary (c@x) else first (b@x)
        ("emails", .ascending, ["b", "a", "d", "c"]),
        ("emails.value", .descending, ["c", "d", "a", "b"]),
        ("active", .ascending, ["b", "a", "d", "c"]),                  // false < true
        ("meta.lastModified", .ascending, ["c", "a", "b", "d"]),       // 08:00Z < 09:00Z; time zones honoured
        ("meta.lastModified", .descending, ["d", "b", "a", "c"]),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", .ascending, ["c", "a", "b", "d"]),
        ("id", .descending, ["d", "c", "b", "a"]),
        ("nickName", .ascending, ["a", "b", "c", "d"]),                // nobody has it: input order
        ("nickName", .descending, ["a", "b", "c", "d"]),
    ] as [(String, SortOrder, [String])])
    func sorts(sortBy: String, order: SortOrder, expected: [String]) throws {
        let sorter = try ResourceSorter(sortBy: sortBy, order: order, resourceType: .user)
        #expect(sorter.sorted(Self.resources).compactMap { $0[attribute: "id"]?.stringValue } == expected)
    }

    @Test("sortBy must name an attribute", arguments: ["", "a..b", SCIMSchemaURN.enterpriseUser])
    func rejectsBadSortBy(sortBy: String) {
        let error = #expect(throws: SCIMError.self) { try ResourceSorter(sortBy: sortBy, resourceType: .user) }
        #expect(error?.scimType == .invalidValue)
    }

    @Test("sortOrder parses ignoring case and defaults to ascending", arguments: [
        (String?.none, SortOrder.ascending), ("", .ascending), ("ascending", .ascending),
        ("Descending", .descending), ("DESCENDING", .descending),
    ])
    func parsesSortOrder(text: String?, expected: SortOrder) throws {
        #expect(try SortOrder(parameter: text) == expected)
    }

    @Test("an unknown sortOrder is invalidValue")
    func rejectsUnknownSortOrder() {
        let error = #expect(throws: SCIMError.self) { try SortOrder(parameter: "up") }
        #expect(error?.scimType == .invalidValue)
    }
}
