import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM /Users end to end — RFC 7644 §3.3–§3.6, §3.14")
struct SCIMUsersTests {
    @Test("POST creates: 201, Location, ETag, id and meta; string booleans are normalised")
    func create() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let response = try await client.post("/scim/v2/Users", SCIMBodies.user("bjensen@example.com", active: "True",
                                                                                    extra: [("id", "client-id"), ("password", "s3cret")]))
            #expect(response.status == 201)
            let id = try #require(response[attribute: "id"]?.stringValue)
            #expect(id != "client-id")
            #expect(response.headers["location"] == "http://scim.test/scim/v2/Users/\(id)")
            #expect(response.headers["etag"] == #"W/"1""#)
            #expect(response.headers["content-type"] == "application/scim+json")
            #expect(response[attribute: "active"] == true)
            #expect(response[attribute: "password"] == nil)
            let meta = try #require(response[attribute: "meta"])
            #expect(meta[attribute: "resourceType"] == "User")
            #expect(meta[attribute: "version"] == #"W/"1""#)
            #expect(meta[attribute: "location"] == .string("http://scim.test/scim/v2/Users/\(id)"))
            #expect(meta[attribute: "created"] == meta[attribute: "lastModified"])
        }
    }

    @Test("userName is unique per tenant ignoring case: 409 uniqueness")
    func uniqueness() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            _ = try await client.createUser("Alice@Example.com")
            let response = try await client.post("/scim/v2/Users", SCIMBodies.user("alice@example.COM"))
            #expect(response.status == 409)
            #expect(response[attribute: "scimType"] == "uniqueness")
        }
    }

    @Test("bad bodies are 400 with a SCIM error and create nothing", arguments: [
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"#, "invalidValue"),
        (#"{"userName":"x"}"#, "invalidSyntax"),
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","active":"maybe"}"#, "invalidValue"),
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x""#, "invalidSyntax"),
        (#"[1,2]"#, "invalidSyntax"),
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","USERNAME":"y"}"#, "invalidSyntax"),
        // A blank userName was a 500: the member domain refused what SCIM let through.
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"   "}"#, "invalidValue"),
        (#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"\u00a0\t\n"}"#, "invalidValue"),
    ])
    func badBodies(body: String, scimType: String) async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let response = try await client.send("POST", "/scim/v2/Users", rawBody: body)
            #expect(response.status == 400, "\(response.text)")
            #expect(response[attribute: "scimType"] == .string(scimType), "\(response.text)")
            #expect(response[attribute: "detail"]?.stringValue?.isEmpty == false)
            let list = try await client.get("/scim/v2/Users")
            #expect(list[attribute: "totalResults"] == 0)
        }
    }

    @Test("a body in another media type is 415; application/json is accepted")
    func mediaTypes() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let body = SCIMBodies.user("m@example.com").encodedString()
            let form = try await client.send("POST", "/scim/v2/Users", rawBody: body, headers: [("Content-Type", "text/plain")])
            #expect(form.status == 415)
            let json = try await client.send("POST", "/scim/v2/Users", rawBody: body,
                                             headers: [("Content-Type", "application/json; charset=utf-8")])
            #expect(json.status == 201)
        }
    }

    @Test("GET by id, 404 for an unknown id, 304 for a matching If-None-Match")
    func getByID() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("g@example.com")
            let found = try await client.get("/scim/v2/Users/\(id)")
            #expect(found.status == 200)
            #expect(found[attribute: "userName"] == "g@example.com")
            #expect(found.headers["etag"] == #"W/"1""#)
            let missing = try await client.get("/scim/v2/Users/00000000-0000-0000-0000-000000000000")
            #expect(missing.status == 404)
            #expect(missing[attribute: "schemas"] == [.string(SCIMSchemaURN.error)])
            let notModified = try await client.get("/scim/v2/Users/\(id)", headers: [("If-None-Match", #"W/"1""#)])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            let modified = try await client.get("/scim/v2/Users/\(id)", headers: [("If-None-Match", #"W/"7""#)])
            #expect(modified.status == 200)
        }
    }

    @Test("PUT replaces, bumps the version, keeps id and created; never creates")
    func replace() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("p@example.com")
            let created = try await client.get("/scim/v2/Users/\(id)")
            let body = SCIMBodies.user("p@example.com", extra: [("title", "Engineer"), ("name", ["givenName": "Pat"])])
            let replaced = try await client.put("/scim/v2/Users/\(id)", body)
            #expect(replaced.status == 200)
            #expect(replaced[attribute: "title"] == "Engineer")
            #expect(replaced[attribute: "name"] == ["givenName": "Pat"])
            #expect(replaced.headers["etag"] == #"W/"2""#)
            #expect(replaced[attribute: "meta"]?[attribute: "created"] == created[attribute: "meta"]?[attribute: "created"])
            let unknown = try await client.put("/scim/v2/Users/00000000-0000-0000-0000-000000000000", body)
            #expect(unknown.status == 404)
            #expect(try await client.get("/scim/v2/Users")[attribute: "totalResults"] == 1)
        }
    }

    @Test("If-Match with a stale version is 412 on PUT, PATCH and DELETE; a current one succeeds")
    func ifMatch() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("e@example.com")
            let stale = [("If-Match", #"W/"9""#)]
            #expect(try await client.put("/scim/v2/Users/\(id)", SCIMBodies.user("e@example.com"), headers: stale).status == 412)
            let patch = SCIMBodies.patch([["op": "replace", "path": "title", "value": "x"]])
            #expect(try await client.patch("/scim/v2/Users/\(id)", patch, headers: stale).status == 412)
            #expect(try await client.delete("/scim/v2/Users/\(id)", headers: stale).status == 412)
            let current = try await client.patch("/scim/v2/Users/\(id)", patch, headers: [("If-Match", #"W/"1""#)])
            #expect(current.status == 200)
            #expect(try await client.delete("/scim/v2/Users/\(id)", headers: [("If-Match", "*")]).status == 204)
        }
    }

    @Test("If-Match with several tags holds when one is current; If-None-Match naming the current version or * is 412 on writes")
    func preconditionLists() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("l@example.com")
            let patch = SCIMBodies.patch([["op": "replace", "path": "title", "value": "x"]])
            let either = [("If-Match", #"W/"9", W/"1""#)]
            let patched = try await client.patch("/scim/v2/Users/\(id)", patch, headers: either)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(try await client.patch("/scim/v2/Users/\(id)", patch, headers: either).status == 412)
            #expect(try await client.put("/scim/v2/Users/\(id)", SCIMBodies.user("l@example.com"),
                                         headers: [("If-None-Match", "*")]).status == 412)
            #expect(try await client.delete("/scim/v2/Users/\(id)", headers: [("If-None-Match", #"W/"7", W/"2""#)]).status == 412)
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: "meta"]?[attribute: "version"] == #"W/"2""#)
            #expect(try await client.delete("/scim/v2/Users/\(id)", headers: [("If-None-Match", #"W/"1""#)]).status == 204)
        }
    }

    @Test("a PUT that leaves out active keeps it, as the member does: a deactivated user stays active=false and found by its filter")
    func putKeepsActive() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("k@example.com")
            let off = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "value": ["active": false]]]))
            #expect(off[attribute: "active"] == false)
            var body = try #require(SCIMBodies.user("k@example.com").objectValue)
            _ = body.removeAttribute("active")
            body["title"] = "Engineer"
            let put = try await client.put("/scim/v2/Users/\(id)", .object(body))
            #expect(put.status == 200 && put[attribute: "active"] == false, "\(put.text)")
            let found = try await client.get("/scim/v2/Users?filter=active%20eq%20false")
            #expect(found[attribute: "totalResults"] == 1)
            let member = try await live.client(token: live.adminToken).get("/api/v1/members/\(id)")
            #expect(member[attribute: "idpActive"] == false)
            // Asserted, it is replaced.
            #expect(try await client.put("/scim/v2/Users/\(id)", SCIMBodies.user("k@example.com"))[attribute: "active"] == true)
        }
    }

    @Test("a blank userName in a PUT or PATCH is 400 invalidValue, and the user keeps its name", arguments: [" ", "\u{00A0}", "\u{200B}"])
    func blankUserName(userName: String) async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("b@example.com")
            let put = try await client.put("/scim/v2/Users/\(id)",
                                           SCIMBodies.user(userName, extra: [("emails", [["value": "b@example.com"]])]))
            #expect(put.status == 400, "\(put.text)")
            #expect(put[attribute: "scimType"] == "invalidValue")
            let patch = try await client.patch("/scim/v2/Users/\(id)",
                                               SCIMBodies.patch([["op": "replace", "path": "userName", "value": .string(userName)]]))
            #expect(patch.status == 400, "\(patch.text)")
            #expect(patch[attribute: "scimType"] == "invalidValue")
            let user = try await client.get("/scim/v2/Users/\(id)")
            #expect(user[attribute: "userName"] == "b@example.com")
            #expect(user[attribute: "meta"]?[attribute: "version"] == #"W/"1""#)
        }
    }

    @Test("PATCH answers 200 with the resource, honours attributes, and a no-op keeps the version")
    func patch() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("q@example.com")
            // Entra ID deactivation: capitalised op, string boolean (fixtures/entra/patch-replace-active-string.json).
            let deactivate = SCIMBodies.patch([["op": "Replace", "path": "active", "value": "False"]])
            let response = try await client.patch("/scim/v2/Users/\(id)?attributes=active", deactivate)
            #expect(response.status == 200)
            #expect(response[attribute: "active"] == false)
            #expect(response[attribute: "userName"] == nil)
            #expect(response[attribute: "id"] == .string(id))
            #expect(response.headers["etag"] == #"W/"2""#)
            let again = try await client.patch("/scim/v2/Users/\(id)", deactivate)
            #expect(again.headers["etag"] == #"W/"2""#)
            let invalid = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "remove"]]))
            #expect(invalid.status == 400)
            #expect(invalid[attribute: "scimType"] == "noTarget")
            let readOnly = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "id", "value": "x"]]))
            #expect(readOnly[attribute: "scimType"] == "mutability")
            // All or nothing: the second operation fails, so the first is not applied.
            let atomic = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": "title", "value": "Lead"], ["op": "replace", "path": "meta", "value": "x"],
            ]))
            #expect(atomic.status == 400)
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: "title"] == nil)
        }
    }

    @Test("DELETE answers 204, then the user is 404 everywhere")
    func delete() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("d@example.com")
            #expect(try await client.delete("/scim/v2/Users/\(id)").status == 204)
            #expect(try await client.get("/scim/v2/Users/\(id)").status == 404)
            #expect(try await client.delete("/scim/v2/Users/\(id)").status == 404)
            #expect(try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "title", "value": "x"]])).status == 404)
        }
    }

    @Test("a token of another tenant sees nothing: 404 as if the user did not exist")
    func tenantIsolation() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let id = try await client.createUser("iso@example.com")
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .scim, label: nil).plaintext
            let intruder = try live.client(token: otherToken)
            #expect(try await intruder.get("/scim/v2/Users/\(id)").status == 404)
            #expect(try await intruder.get("/scim/v2/Users")[attribute: "totalResults"] == 0)
            #expect(try await intruder.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "title", "value": "x"]])).status == 404)
            #expect(try await intruder.put("/scim/v2/Users/\(id)", SCIMBodies.user("iso@example.com")).status == 404)
            #expect(try await intruder.delete("/scim/v2/Users/\(id)").status == 404)
            // The same userName is free in the other tenant.
            #expect(try await intruder.post("/scim/v2/Users", SCIMBodies.user("iso@example.com")).status == 201)
            #expect(try await client.get("/scim/v2/Users/\(id)").status == 200)
        }
    }

    @Test("a revoked token stops working once the cache expires")
    func revokedToken() async throws {
        try await LiveServer.with({ $0.scim.tokenCacheTTL = .milliseconds(50) }) { live in
            let tenant = try #require(try await live.store.tenant(named: "default"))
            let issued = try await live.store.issueToken(tenant: tenant.id, kind: .scim, label: nil)
            let client = try live.client(token: issued.plaintext)
            #expect(try await client.get("/scim/v2/Users").status == 200)
            try await live.store.revokeToken(id: issued.record.id)
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await client.get("/scim/v2/Users").status == 401)
        }
    }
}
