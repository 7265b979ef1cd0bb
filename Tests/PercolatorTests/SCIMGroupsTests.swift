import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM /Groups end to end — RFC 7643 §4.2, RFC 7644 §3.5.2")
struct SCIMGroupsTests {
    @Test("a group is created with members that get display and $ref; users show their groups")
    func createWithMembers() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let alice = try await client.createUser("alice@example.com", extra: [("displayName", "Alice A")])
            let bob = try await client.createUser("bob@example.com")
            let response = try await client.post("/scim/v2/Groups", SCIMBodies.group("Coffee lovers", members: [alice, bob]))
            #expect(response.status == 201)
            let groupID = try #require(response[attribute: "id"]?.stringValue)
            let members = response[attribute: "members"]?.arrayValue ?? []
            #expect(Set(members.compactMap { $0[attribute: "value"]?.stringValue }) == [alice, bob])
            let first = members.first { $0[attribute: "value"] == .string(alice) }
            #expect(first?[attribute: "display"] == "Alice A")
            #expect(first?[attribute: "$ref"] == .string("http://scim.test/scim/v2/Users/\(alice)"))
            #expect(first?[attribute: "type"] == "User")
            let user = try await client.get("/scim/v2/Users/\(alice)")
            let groups = user[attribute: "groups"]?.arrayValue ?? []
            #expect(groups.map { $0[attribute: "value"] } == [.string(groupID)])
            #expect(groups.first?[attribute: "display"] == "Coffee lovers")
        }
    }

    @Test("an unknown member id is 400 invalidValue naming it, and nothing is created")
    func unknownMember() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let alice = try await client.createUser("alice@example.com")
            let response = try await client.post("/scim/v2/Groups", SCIMBodies.group("Ghosts", members: [alice, "no-such-user"]))
            #expect(response.status == 400)
            #expect(response[attribute: "scimType"] == "invalidValue")
            #expect(response[attribute: "detail"]?.stringValue?.contains("no-such-user") == true)
            #expect(try await client.get("/scim/v2/Groups")[attribute: "totalResults"] == 0)
        }
    }

    @Test("displayName is unique per tenant ignoring case")
    func uniqueDisplayName() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await client.createGroup("Sales")
            let response = try await client.post("/scim/v2/Groups", SCIMBodies.group("SALES"))
            #expect(response.status == 409)
            #expect(response[attribute: "scimType"] == "uniqueness")
        }
    }

    @Test("PATCH adds and removes single members, as Entra and Okta send them, bumping the version")
    func patchMembers() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let users = [try await client.createUser("a@x.com"), try await client.createUser("b@x.com"), try await client.createUser("c@x.com")]
            let group = try await client.createGroup("Team", members: [users[0]])
            // Entra ID: capitalised op, members array (fixtures/entra/patch-add-members.json).
            let add = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "Add", "path": "members", "value": [["value": .string(users[1])], ["value": .string(users[2])]]],
            ]))
            #expect(add.status == 200)
            #expect(add[attribute: "members"]?.arrayValue?.count == 3)
            #expect(add.headers["etag"] == #"W/"2""#)
            // Entra ID: remove with a value array removes only those (fixtures/entra/patch-remove-members-value-array.json).
            let remove = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "Remove", "path": "members", "value": [["value": .string(users[0])]]],
            ]))
            #expect(Set(remove[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } ?? []) == [users[1], users[2]])
            // Okta: remove by filter.
            let filtered = try await client.patch("/scim/v2/Groups/\(group)?excludedAttributes=members", SCIMBodies.patch([
                ["op": "remove", "path": .string("members[value eq \"\(users[1])\"]")],
            ]))
            #expect(filtered.status == 200)
            #expect(filtered[attribute: "members"] == nil)
            let now = try await client.get("/scim/v2/Groups/\(group)")
            #expect(now[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } == [users[2]])
            // Adding a member that is already there changes nothing.
            let version = now.headers["etag"]
            let again = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "add", "path": "members", "value": [["value": .string(users[2])]]],
            ]))
            #expect(again.headers["etag"] == version)
            // An unknown member in a PATCH applies nothing.
            let ghost = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "replace", "path": "displayName", "value": "Renamed"],
                ["op": "add", "path": "members", "value": [["value": "ghost"]]],
            ]))
            #expect(ghost.status == 400)
            #expect(ghost[attribute: "detail"]?.stringValue?.contains("ghost") == true)
            #expect(try await client.get("/scim/v2/Groups/\(group)")[attribute: "displayName"] == "Team")
        }
    }

    @Test("a PATCH without attributes answers 200 with the group up to patch-response-max-members, 204 beyond; attributes always get 200")
    func patchResponseBySize() async throws {
        try await LiveServer.with({ $0.scim.patchResponseMaxMembers = 2 }) { live in
            let client = try live.client()
            let users = [try await client.createUser("a@x.com"), try await client.createUser("b@x.com"),
                         try await client.createUser("c@x.com")]
            let group = try await client.createGroup("Sized", members: [users[0]])
            func add(_ user: String, query: String = "") async throws -> SCIMTestClient.Response {
                try await client.patch("/scim/v2/Groups/\(group)\(query)", SCIMBodies.patch([
                    ["op": "Add", "path": "members", "value": [["value": .string(user)]]],
                ]))
            }
            let small = try await add(users[1])
            #expect(small.status == 200)
            #expect(small[attribute: "members"]?.arrayValue?.count == 2)
            #expect(small.headers["etag"] == #"W/"2""#)
            // Three members is past the limit: 204, no body, the new version's ETag.
            let large = try await add(users[2])
            #expect(large.status == 204)
            #expect(large.body.isEmpty)
            #expect(large.headers["etag"] == #"W/"3""#)
            #expect(try await client.get("/scim/v2/Groups/\(group)")[attribute: "members"]?.arrayValue?.count == 3)
            // A rename past the limit is 204 too; asking for attributes gets them, with 200.
            let rename = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "replace", "path": "displayName", "value": "Renamed"],
            ]))
            #expect(rename.status == 204 && rename.headers["etag"] == #"W/"4""#)
            let slim = try await client.patch("/scim/v2/Groups/\(group)?attributes=displayName", SCIMBodies.patch([
                ["op": "replace", "path": "displayName", "value": "Renamed again"],
            ]))
            #expect(slim.status == 200 && slim[attribute: "displayName"] == "Renamed again" && slim[attribute: "members"] == nil)
            let full = try await client.patch("/scim/v2/Groups/\(group)?attributes=members", SCIMBodies.patch([
                ["op": "remove", "path": .string("members[value eq \"\(users[0])\"]")],
            ]))
            #expect(full.status == 200 && full[attribute: "members"]?.arrayValue?.count == 2)
            // Users are small: their PATCH always answers 200 with the resource.
            let user = try await client.patch("/scim/v2/Users/\(users[0])", SCIMBodies.patch([
                ["op": "replace", "path": "active", "value": false],
            ]))
            #expect(user.status == 200 && user[attribute: "active"] == false)
        }
    }

    @Test("Okta's path-less replace with the group's own id, and replace of all members")
    func oktaReplace() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let a = try await client.createUser("a@x.com"), b = try await client.createUser("b@x.com")
            let group = try await client.createGroup("Okta", members: [a])
            // fixtures/okta/patch-replace-group-with-id.json
            let rename = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "replace", "value": ["id": .string(group), "displayName": "Okta renamed"]],
            ]))
            #expect(rename.status == 200)
            #expect(rename[attribute: "displayName"] == "Okta renamed")
            let replace = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "replace", "path": "members", "value": [["value": .string(b)]]],
            ]))
            #expect(replace[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } == [b])
            let empty = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([["op": "remove", "path": "members"]]))
            #expect(empty[attribute: "members"] == nil)
        }
    }

    @Test("a member without a usable value in a PATCH is 400 invalidValue, and the group keeps its members and version")
    func patchMemberWithoutValue() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let a = try await client.createUser("a@x.com"), b = try await client.createUser("b@x.com")
            let group = try await client.createGroup("Kept", members: [a, b])
            // Each of these emptied the group with a 200 before: the patched list lost its ids.
            let operations: [JSONValue] = [
                ["op": "add", "path": "members", "value": [["$ref": .string("http://scim.test/scim/v2/Users/\(a)")]]],
                ["op": "add", "path": "members", "value": [["value": ""]]],
                ["op": "add", "path": "members", "value": [["value": nil]]],
                ["op": "add", "path": "members", "value": [["display": "x"]]],
                ["op": "add", "path": "members", "value": [[:]]],
                ["op": "add", "path": "members", "value": [["value": .string(a)], ["display": "x"]]],
                ["op": "add", "value": ["members": [["$ref": "x"]]]],
                ["op": "replace", "path": "members", "value": [["value": 7]]],
            ]
            for operation in operations {
                let response = try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([operation]))
                #expect(response.status == 400, "\(operation)")
                #expect(response[attribute: "scimType"] == "invalidValue", "\(operation)")
            }
            let after = try await client.get("/scim/v2/Groups/\(group)")
            #expect(Set(after[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } ?? []) == [a, b])
            #expect(after[attribute: "meta"]?[attribute: "version"] == #"W/"1""#)
        }
    }

    @Test("excludedAttributes=members on GET leaves members out; deleting a user removes it from its groups")
    func excludedMembersAndCascade() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let a = try await client.createUser("a@x.com")
            let group = try await client.createGroup("Cascade", members: [a])
            let slim = try await client.get("/scim/v2/Groups/\(group)?excludedAttributes=members")
            #expect(slim[attribute: "members"] == nil)
            #expect(slim[attribute: "displayName"] == "Cascade")
            _ = try await client.delete("/scim/v2/Users/\(a)")
            let after = try await client.get("/scim/v2/Groups/\(group)")
            #expect(after[attribute: "members"] == nil)
            #expect(after.headers["etag"] != slim.headers["etag"])
        }
    }

    @Test("PUT replaces a group's members; DELETE removes the group")
    func replaceAndDelete() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let a = try await client.createUser("a@x.com"), b = try await client.createUser("b@x.com")
            let group = try await client.createGroup("Put", members: [a])
            let replaced = try await client.put("/scim/v2/Groups/\(group)", SCIMBodies.group("Put", members: [b]))
            #expect(replaced.status == 200)
            #expect(replaced[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } == [b])
            #expect(try await client.delete("/scim/v2/Groups/\(group)").status == 204)
            #expect(try await client.get("/scim/v2/Groups/\(group)").status == 404)
            #expect(try await client.get("/scim/v2/Users/\(b)")[attribute: "groups"] == nil)
        }
    }
}

@Suite("Group member display — RFC 7643 §4.2")
struct SCIMMemberDisplayTests {
    @Test("a display the client sends is kept and returned as sent; without one, the member's current name is shown")
    func display() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let a = try await client.createUser("a@x.com", extra: [("displayName", "Ada")])
            let b = try await client.createUser("b@x.com")
            let group = try await client.post("/scim/v2/Groups", [
                "schemas": [.string(SCIMSchemaURN.group)], "displayName": "Shown",
                "members": [["value": .string(a), "display": "Ada from Okta"], ["value": .string(b)]],
            ])
            let id = try #require(group[attribute: "id"]?.stringValue)
            func display(of member: String, in response: SCIMTestClient.Response) -> JSONValue? {
                response[attribute: "members"]?.arrayValue?.first { $0[attribute: "value"] == .string(member) }?[attribute: "display"]
            }
            #expect(display(of: a, in: group) == "Ada from Okta")
            #expect(display(of: b, in: group) == "b@x.com")
            // PATCH add with a new display updates it and bumps the version.
            let patched = try await client.patch("/scim/v2/Groups/\(id)", SCIMBodies.patch([
                ["op": "add", "path": "members", "value": [["value": .string(b), "display": "Bea"]]],
            ]))
            #expect(display(of: b, in: patched) == "Bea")
            #expect(patched.headers["etag"] == #"W/"2""#)
            // Renaming a user changes what is shown where no display was sent.
            let c = try await client.createUser("c@x.com")
            _ = try await client.patch("/scim/v2/Groups/\(id)", SCIMBodies.patch([["op": "add", "path": "members", "value": [["value": .string(c)]]]]))
            _ = try await client.patch("/scim/v2/Users/\(c)", SCIMBodies.patch([["op": "replace", "path": "displayName", "value": "Cy"]]))
            #expect(display(of: c, in: try await client.get("/scim/v2/Groups/\(id)")) == "Cy")
        }
    }
}
