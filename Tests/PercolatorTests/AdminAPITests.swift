import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("Admin API /api/v1: members, categories, groups, settings")
struct AdminAPITests {
    static func items(_ response: SCIMTestClient.Response) -> [JSONValue] {
        response.json?[attribute: "items"]?.arrayValue ?? []
    }

    @Test("members: filters by lifecycle, status, idpActive, source, category and text; pages with a cursor")
    func memberFilters() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let enterprise = ProvisioningTransitionTests.enterprise
            let ann = try await scim.createUser("ann@example.com", extra: [
                ("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]), (enterprise, ["department": "Sales"])])
            let ben = try await scim.createUser("ben@example.com", active: false)
            let cid = try await scim.createUser("cid@example.com")
            _ = try await scim.delete("/scim/v2/Users/\(cid)")
            let manual = try await admin.post("/api/v1/members", ["givenName": "Dora", "familyName": "Lovelace", "email": "dora@example.com"])
            #expect(manual.status == 201, "\(manual.text)")
            #expect(manual[attribute: "source"] == "manual")

            func ids(_ query: String) async throws -> [String] {
                Self.items(try await admin.get("/api/v1/members?\(query)")).compactMap { $0[attribute: "id"]?.stringValue }
            }
            #expect(try await ids("lifecycle=deprovisioned") == [cid])
            #expect(try await ids("idpActive=false&lifecycle=live") == [ben])
            #expect(try await ids("category=department:sales") == [ann])
            #expect(try await ids("source=manual").count == 1)
            #expect(try await ids("q=LOVEL").count == 1, "text search ignores case and reaches family names")
            #expect(try await ids("q=%25").isEmpty, "a % in the text is a character, not a wildcard")
            let first = try await admin.get("/api/v1/members?limit=2")
            #expect(Self.items(first).count == 2)
            let next = try #require(first.json?[attribute: "next"]?.stringValue)
            let rest = Self.items(try await admin.get("/api/v1/members?limit=2&after=\(next)"))
            #expect(rest.count == 2)
            #expect(try await admin.get("/api/v1/members?status=sleepy").status == 400)
            let detail = try await admin.get("/api/v1/members/\(ben)")
            #expect(detail[attribute: "history"]?.arrayValue?.first?[attribute: "kind"] == "MemberProvisioned")
        }
    }

    @Test("manual add refuses a missing name, a bad email and a taken email, and changes nothing")
    func manualAddErrors() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            _ = try await admin.post("/api/v1/members", ["givenName": "Eva", "familyName": "Doe", "email": "eva@example.com"])
            for (body, status) in [
                (["givenName": "", "familyName": "Doe", "email": "x@example.com"] as JSONValue, 400),
                (["givenName": "X", "familyName": "Doe", "email": "not-an-email"], 400),
                (["givenName": "X", "familyName": "Doe", "email": "EVA@example.com"], 409),
                (["givenName": "X", "familyName": "Doe", "email": "y@example.com", "categories": ["nope": "1"]], 400),
            ] {
                let response = try await admin.post("/api/v1/members", body)
                #expect(response.status == status, "\(response.text)")
                #expect(response.headers["content-type"] == "application/scim+json")
                #expect(response[attribute: "detail"]?.stringValue?.isEmpty == false)
            }
            #expect(Self.items(try await admin.get("/api/v1/members")).count == 1)
        }
    }

    @Test("categories: create, read, relabel, grow values, delete; IdP-filled ones cannot be deleted while mapped")
    func categories() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let created = try await admin.post("/api/v1/categories", ["key": "seniority", "label": "Seniority", "values": ["Junior"]])
            #expect(created.status == 201, "\(created.text)")
            #expect(try await admin.post("/api/v1/categories", ["key": "seniority", "label": "Again"]).status == 409)
            let patched = try await admin.patch("/api/v1/categories/seniority", ["label": "Level", "values": ["Senior", "junior"]])
            #expect(patched[attribute: "label"] == "Level")
            #expect(patched[attribute: "knownValues"] == ["Junior", "Senior"])
            #expect(try await admin.delete("/api/v1/categories/department").status == 409)
            #expect(try await admin.delete("/api/v1/categories/seniority").status == 204)
            #expect(try await admin.get("/api/v1/categories/seniority").status == 404)
            let member = try await admin.post("/api/v1/members", ["givenName": "Ivy", "familyName": "Doe", "email": "ivy@example.com",
                                                                  "categories": ["department": "Sales"]])
            // The identity provider fills department for its members; a manual member may fill it too (issue 16, defect 4).
            #expect(member.status == 201, "\(member.text)")
            #expect(member[attribute: "categories"]?[attribute: "department"] == ["Sales"])
            // Deleting every category leaves none: the identity provider's defaults used to
            // come back once the last one was gone.
            #expect(try await admin.patch("/api/v1/settings", ["categoryMapping": []]).status == 200)
            for category in Self.items(try await admin.get("/api/v1/categories")) {
                let key = try #require(category[attribute: "key"]?.stringValue)
                #expect(try await admin.delete("/api/v1/categories/\(key)").status == 204, "\(key)")
            }
            #expect(Self.items(try await admin.get("/api/v1/categories")).isEmpty)
            #expect(try await admin.get("/api/v1/categories/department").status == 404)
        }
    }

    @Test("groups: listed with member counts, one with its members")
    func groups() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let a = try await scim.createUser("a@example.com")
            let group = try await scim.createGroup("Lyon office", members: [a])
            let list = Self.items(try await admin.get("/api/v1/groups"))
            #expect(list.map { $0[attribute: "memberCount"] } == [1])
            let detail = try await admin.get("/api/v1/groups/\(group)")
            #expect(detail[attribute: "members"]?.arrayValue?.first?[attribute: "id"] == .string(a))
        }
    }

    @Test("settings: partial update, each field checked, a bad one changes nothing")
    func settings() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let ok = try await admin.patch("/api/v1/settings", ["sendWelcomeEmail": false, "timezone": "Europe/Paris",
                                                                "allowedEmailDomains": ["Example.com"]])
            #expect(ok.status == 200, "\(ok.text)")
            #expect(ok[attribute: "allowedEmailDomains"] == ["example.com"])
            let bad = try await admin.patch("/api/v1/settings", ["sendWelcomeEmail": true, "timezone": "Mars/Olympus"])
            #expect(bad.status == 400)
            let mapping = try await admin.patch("/api/v1/settings", ["categoryMapping": [["path": "nosuch", "category": "x"]]])
            #expect(mapping.status == 400)
            let now = try await admin.get("/api/v1/settings")
            #expect(now[attribute: "sendWelcomeEmail"] == false)
            #expect(now[attribute: "timezone"] == "Europe/Paris")
            // Welcome off: a new SCIM user gets no welcome email.
            let id = try await live.client().createUser("nowelcome@example.com")
            #expect(try await AdminProbe(live).eventKinds(about: id) == ["MemberProvisioned"])
        }
    }

    @Test("what spec/openapi.yaml promises: wrong-typed fields refused, no null in bodies, strict instants, any category value")
    func contract() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let enterprise = ProvisioningTransitionTests.enterprise
            let ann = try await scim.createUser("ann@example.com", extra: [
                ("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]), (enterprise, ["department": "R:\u{1F3FB}D"])])
            // An eligible member has no `ineligibleBecause` at all (not null).
            let member = try await admin.get("/api/v1/members/\(ann)")
            #expect(member.status == 200)
            #expect(member.json?.objectValue?.members.contains { $0.key == "ineligibleBecause" } == false, "\(member.text)")
            // A field of the wrong type (null included) is refused, not ignored.
            _ = try await admin.post("/api/v1/categories", ["key": "level", "label": "Level"])
            for (method, path, body) in [
                ("POST", "/api/v1/members", ["givenName": "A", "familyName": "B", "email": "ab@example.com", "sendWelcomeEmail": [:]] as JSONValue),
                ("POST", "/api/v1/members", ["givenName": "A", "familyName": "B", "email": "ab@example.com", "categories": ["level": [1]]]),
                ("POST", "/api/v1/categories", ["key": "k1", "label": "K", "memberEditable": 1]),
                ("POST", "/api/v1/categories", ["key": "k2", "label": "K", "type": 2]),
                ("PATCH", "/api/v1/categories/level", ["label": 3]),
                ("PATCH", "/api/v1/categories/level", ["memberEditable": .null]),
                ("PUT", "/api/v1/members/\(ann)/status", ["status": "active", "reason": .null]),
                ("PUT", "/api/v1/members/\(ann)/status", ["status": "active", "reason": "tired"]),
                ("PUT", "/api/v1/members/\(ann)/snooze", ["until": "2030-01-01T12:99:00Z"]),
                ("PUT", "/api/v1/members/\(ann)/snooze", ["until": "2030-02-30T00:00:00Z"]),
                ("PUT", "/api/v1/members/\(ann)/snooze", ["until": "2030-01-01T00:00:00"]),
            ] {
                let response = try await admin.send(method, path, body: body)
                #expect(response.status == 400, "\(method) \(path) \(body): \(response.text)")
            }
            #expect(Self.items(try await admin.get("/api/v1/categories")).count == 7, "no category was created")
            let snoozed = try await admin.send("PUT", "/api/v1/members/\(ann)/snooze", body: ["until": "2030-01-01T10:00:00.5+02:00"])
            #expect(snoozed[attribute: "snoozedUntil"] == "2030-01-01T08:00:00.500Z", "\(snoozed.text)")
            // The key ends at the first ':' even when an emoji modifier follows it.
            let found = Self.items(try await admin.get("/api/v1/members?category=department:r%3A%F0%9F%8F%BBd"))
            #expect(found.compactMap { $0[attribute: "id"]?.stringValue } == [ann])
            #expect(try await admin.get("/api/v1/members?category=department:%F0%9F%8F%BB").status == 200)
            // A key is any text, never a JSON path: a NUL, control characters, quotes and
            // backslashes find nobody (a NUL used to fail the query: 500).
            for key in ["%00%15o%0C", "dep%22art", "dep%5Cart", "department%00"] {
                let response = try await admin.get("/api/v1/members?category=\(key):r%3A%F0%9F%8F%BBd")
                #expect(response.status == 200, "\(key): \(response.text)")
                #expect(Self.items(response).isEmpty, "\(key)")
            }
        }
    }

    @Test("every admin endpoint answers 404 for another tenant's ids", arguments: [
        ("GET", "/api/v1/members/{member}"), ("PUT", "/api/v1/members/{member}/status"),
        ("PUT", "/api/v1/members/{member}/snooze"), ("GET", "/api/v1/groups/{group}"),
    ])
    func isolation(method: String, template: String) async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let member = try await scim.createUser("mine@example.com")
            let group = try await scim.createGroup("Mine", members: [member])
            let other = try await live.store.createTenant(name: "other")
            let token = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil)
            let outsider = try live.client(token: token.plaintext)
            let path = template.replacingOccurrences(of: "{member}", with: member).replacingOccurrences(of: "{group}", with: group)
            let body: JSONValue? = method == "PUT" ? ["status": "inactive", "until": "2030-01-01T00:00:00Z"] : nil
            let response = try await outsider.send(method, path, body: body)
            #expect(response.status == 404, "\(method) \(path): \(response.text)")
            // And the owner's member is untouched.
            let mine = try await AdminProbe(live).member(member)
            #expect(mine[attribute: "localStatus"] == "active")
            #expect(mine[attribute: "snoozedUntil"] == nil)
        }
    }
}
