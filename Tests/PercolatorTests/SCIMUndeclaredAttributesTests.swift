import SCIM
import Testing
import TestSupport
@testable import Percolator

/// The tenant setting `undeclaredAttributes` (issue 15) on the live server: what a
/// SCIM write does with an extension no schema declares and a foreign core attribute.
@Suite("SCIM undeclared attributes: the tenant's store / ignore / reject setting, end to end")
struct SCIMUndeclaredAttributesTests {
    /// Okta's custom extension URN (issue 15; Okta's Profile Editor "External namespace").
    static let custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// A user with a declared extension, an undeclared one (not listed in `schemas`, as
    /// Entra sends it on create) and a foreign top-level attribute.
    static func body(_ userName: String) -> JSONValue {
        SCIMBodies.user(userName, extra: [
            ("displayName", "Cost Centre"),
            (enterprise, ["department": "Sales"]),
            (custom, ["costCenterCode": "CC-42", "badge": ["number": 7]]),
            ("favouriteColour", "teal"),
        ])
    }

    @Test("the setting is shown (default store), changed, and a bad value is refused naming the choices")
    func setting() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.get("/api/v1/settings")[attribute: "undeclaredAttributes"] == "store")
            let bad = try await admin.patch("/api/v1/settings", ["undeclaredAttributes": "keep"])
            #expect(bad.status == 400)
            #expect(bad[attribute: "detail"]?.stringValue?.contains("\"store\", \"ignore\" or \"reject\"") == true, "\(bad.text)")
            let ok = try await admin.patch("/api/v1/settings", ["undeclaredAttributes": "reject"])
            #expect(ok[attribute: "undeclaredAttributes"] == "reject")
            #expect(try await admin.get("/api/v1/settings")[attribute: "undeclaredAttributes"] == "reject")
        }
    }

    @Test("store (default): the undeclared extension is kept, listed, returned, projected, patched and replaced; the foreign core attribute is ignored")
    func store() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let created = try await client.post("/scim/v2/Users", Self.body("store@example.com"))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            #expect(created[attribute: Self.custom] == ["costCenterCode": "CC-42", "badge": ["number": 7]])
            #expect(created[attribute: "schemas"] == [.string(SCIMSchemaURN.user), .string(Self.enterprise), .string(Self.custom)])
            #expect(created[attribute: "favouriteColour"] == nil)
            // Nothing declared is lost.
            #expect(created[attribute: Self.enterprise] == ["department": "Sales"])
            #expect(created[attribute: "displayName"] == "Cost Centre")
            #expect(created[attribute: "emails"]?.arrayValue?.count == 1)

            let fetched = try await client.get("/scim/v2/Users/\(id)")
            #expect(fetched[attribute: Self.custom] == created[attribute: Self.custom])
            let listed = try await client.get("/scim/v2/Users?filter=userName%20eq%20%22store@example.com%22")
            #expect(listed[attribute: "Resources"]?.arrayValue?.first?[attribute: Self.custom] == created[attribute: Self.custom])
            let only = try await client.get("/scim/v2/Users/\(id)?attributes=\(Self.custom):costCenterCode")
            #expect(only[attribute: Self.custom] == ["costCenterCode": "CC-42"], "\(only.text)")
            #expect(only[attribute: "userName"] == nil)
            let without = try await client.get("/scim/v2/Users/\(id)?excludedAttributes=\(Self.custom)")
            #expect(without[attribute: Self.custom] == nil, "\(without.text)")
            #expect(without[attribute: "userName"] == "store@example.com")
            let qualified = try await client.get("/scim/v2/Users/\(id)?attributes=\(SCIMSchemaURN.user):userName")
            #expect(qualified[attribute: "userName"] == "store@example.com", "\(qualified.text)")
            #expect(qualified[attribute: Self.custom] == nil)

            // Entra's PATCH of a custom mapped attribute: its path is the qualified name.
            let replaced = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "Replace", "path": .string("\(Self.custom):costCenterCode"), "value": "CC-7"],
                ["op": "Add", "path": .string("\(Self.custom):badge.colour"), "value": "red"],
            ]))
            #expect(replaced.status == 200, "\(replaced.text)")
            #expect(replaced[attribute: Self.custom] == ["costCenterCode": "CC-7", "badge": ["number": 7, "colour": "red"]])
            #expect(replaced[attribute: Self.enterprise] == ["department": "Sales"])
            let removed = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "remove", "path": .string("\(Self.custom):badge")],
            ]))
            #expect(removed[attribute: Self.custom] == ["costCenterCode": "CC-7"], "\(removed.text)")
            let filtered = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "remove", "path": .string("\(Self.custom):badge[number eq 7]")],
            ]))
            #expect(filtered.status == 400)
            #expect(filtered[attribute: "scimType"] == "invalidPath")

            // Okta's profile update: PUT of the full object, the extension changed.
            var put = try #require(Self.body("store@example.com").objectValue)
            put[Self.custom] = ["costCenterCode": "CC-9"]
            let updated = try await client.put("/scim/v2/Users/\(id)", .object(put))
            #expect(updated.status == 200, "\(updated.text)")
            #expect(updated[attribute: Self.custom] == ["costCenterCode": "CC-9"])
            // Path-less remove of the whole extension drops it and its URN.
            let gone = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "remove", "path": .string(Self.custom)],
            ]))
            #expect(gone[attribute: Self.custom] == nil, "\(gone.text)")
            #expect(gone[attribute: "schemas"] == [.string(SCIMSchemaURN.user), .string(Self.enterprise)])

            // Groups too, and through Bulk.
            let groupURN = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:Group"
            var group = try #require(SCIMBodies.group("Finance").objectValue)
            group[groupURN] = ["costCenterCode": "CC-1"]
            let createdGroup = try await client.post("/scim/v2/Groups", .object(group))
            #expect(createdGroup.status == 201, "\(createdGroup.text)")
            let groupID = try #require(createdGroup[attribute: "id"]?.stringValue)
            #expect(try await client.get("/scim/v2/Groups/\(groupID)")[attribute: groupURN] == ["costCenterCode": "CC-1"])
            let bulk = try await client.post("/scim/v2/Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                "Operations": [["method": "POST", "path": "/Users", "bulkId": "b1", "data": Self.body("bulk@example.com")]],
            ])
            #expect(bulk.status == 200, "\(bulk.text)")
            #expect(bulk[attribute: "Operations"]?.arrayValue?.first?[attribute: "status"] == "201", "\(bulk.text)")
            let bulkUser = try await client.get("/scim/v2/Users?filter=userName%20eq%20%22bulk@example.com%22")
            #expect(bulkUser[attribute: "Resources"]?.arrayValue?.first?[attribute: Self.custom] == ["costCenterCode": "CC-42", "badge": ["number": 7]])
        }
    }

    @Test("ignore: both the undeclared extension and the foreign attribute are dropped; the user is created")
    func ignore() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.patch("/api/v1/settings", ["undeclaredAttributes": "ignore"]).status == 200)
            let client = try live.client()
            let created = try await client.post("/scim/v2/Users", Self.body("ignore@example.com"))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            #expect(created[attribute: Self.custom] == nil)
            #expect(created[attribute: "favouriteColour"] == nil)
            #expect(created[attribute: "schemas"] == [.string(SCIMSchemaURN.user), .string(Self.enterprise)])
            #expect(created[attribute: Self.enterprise] == ["department": "Sales"])
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: Self.custom] == nil)
        }
    }

    @Test("reject: 400 invalidSyntax naming the undeclared extension or attribute, nothing created; PATCH paths into it are invalidPath")
    func reject() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            // Stored under `store`, then the tenant switches to `reject`.
            let id = try await client.createUser("kept@example.com", extra: [(Self.custom, ["costCenterCode": "CC-1"])])
            #expect(try await admin.patch("/api/v1/settings", ["undeclaredAttributes": "reject"]).status == 200)
            let refused = try await client.post("/scim/v2/Users", Self.body("reject@example.com"))
            #expect(refused.status == 400)
            #expect(refused[attribute: "scimType"] == "invalidSyntax")
            #expect(refused[attribute: "detail"]?.stringValue?.contains(Self.custom) == true, "\(refused.text)")
            let foreign = try await client.post("/scim/v2/Users", SCIMBodies.user("foreign@example.com", extra: [("favouriteColour", "teal")]))
            #expect(foreign.status == 400)
            #expect(foreign[attribute: "detail"]?.stringValue?.contains("favouriteColour") == true, "\(foreign.text)")
            #expect(try await client.get("/scim/v2/Users")[attribute: "totalResults"] == 1)
            // A PATCH elsewhere keeps what was stored before; a path into it is refused.
            let patched = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "displayName", "value": "K"]]))
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched[attribute: Self.custom] == ["costCenterCode": "CC-1"])
            let path = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.custom):costCenterCode"), "value": "CC-2"],
            ]))
            #expect(path.status == 400)
            #expect(path[attribute: "scimType"] == "invalidPath")
        }
    }
}
