import Coffee
import Foundation
import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

/// The SCIM provisioning log (issue 15, item 4) over loopback: what each request records,
/// what it never records, tenant isolation, cursor paging, and the retention purge.
@Suite("Provisioning log — every SCIM write and failure recorded, per tenant, paged, purged")
struct ProvisioningLogTests {
    /// The tenant's entries, newest first, after the batched ones were written.
    static func entries(_ live: LiveServer, tenant: Store.TenantID? = nil) async throws -> [ProvisioningLogEntry] {
        await live.server.provisioningLogWriter.flush()
        let id: Store.TenantID
        if let tenant { id = tenant } else { id = try #require(try await live.store.tenant(named: "default")).id }
        return try await live.server.persistence.read { tx in
            try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: id, limit: 1_000))
        }
    }

    /// A step of the table: a request, and what its entry must say (nil: no entry).
    struct Step {
        var name: String
        var send: (SCIMTestClient, _ ids: inout [String: String]) async throws -> SCIMTestClient.Response
        var operation: String?
        var status: Int = 0
        var scimType: String?
        var changes: [String] = []
        var values: [String: (String?, String?)] = [:]
        var memberCounts: (added: Int?, removed: Int?)?
    }

    static var steps: [Step] { [
        Step(name: "create a user", send: { client, ids in
            let response = try await client.post("/scim/v2/Users", SCIMBodies.user("ada@example.com", extra: [("title", "Engineer")]))
            ids["ada"] = response[attribute: "id"]?.stringValue
            return response
        }, operation: "create", status: 201, changes: ["status", "userName", "givenName", "familyName", "email", "category.jobTitle"],
             values: ["status": (nil, "active"), "email": (nil, "ada@example.com"), "category.jobTitle": (nil, "Engineer")]),
        Step(name: "a successful GET is not recorded", send: { client, ids in
            try await client.get("/scim/v2/Users/\(ids["ada"] ?? "")")
        }),
        Step(name: "a list is not recorded", send: { client, _ in
            try await client.get("/scim/v2/Users?filter=userName%20eq%20%22ada@example.com%22")
        }),
        Step(name: "a failed GET is", send: { client, _ in
            try await client.get("/scim/v2/Users/00000000-0000-0000-0000-000000000000")
        }, operation: "get", status: 404),
        Step(name: "PATCH title: the name of what changed", send: { client, ids in
            try await client.patch("/scim/v2/Users/\(ids["ada"] ?? "")",
                                   SCIMBodies.patch([["op": "replace", "path": "title", "value": "Manager"]]))
        }, operation: "patch", status: 200, changes: ["title", "category.jobTitle"],
             values: ["title": (nil, nil), "category.jobTitle": ("Engineer", "Manager")]),
        Step(name: "a failed PATCH: its error, nothing else", send: { client, ids in
            try await client.patch("/scim/v2/Users/\(ids["ada"] ?? "")", SCIMBodies.patch([["op": "remove"]]))
        }, operation: "patch", status: 400, scimType: "noTarget"),
        Step(name: "PATCH active=false: a status transition", send: { client, ids in
            try await client.patch("/scim/v2/Users/\(ids["ada"] ?? "")",
                                   SCIMBodies.patch([["op": "Replace", "path": "active", "value": "False"]]))
        }, operation: "patch", status: 200, changes: ["status"], values: ["status": ("active", "inactive")]),
        Step(name: "PUT with a new given name: old → new", send: { client, ids in
            var body = try #require(SCIMBodies.user("ada@example.com", active: false).objectValue)
            body["name"] = ["givenName": "Augusta", "familyName": "Family"]
            return try await client.put("/scim/v2/Users/\(ids["ada"] ?? "")", .object(body))
        }, operation: "replace", status: 200, changes: ["title", "givenName", "category.jobTitle"],
             values: ["givenName": ("Given ada@example.com", "Augusta"), "category.jobTitle": ("Manager", nil)]),
        Step(name: "a duplicate create: 409 uniqueness", send: { client, _ in
            try await client.post("/scim/v2/Users", SCIMBodies.user("ada@example.com"))
        }, operation: "create", status: 409, scimType: "uniqueness"),
        Step(name: "create a group with a member", send: { client, ids in
            let response = try await client.post("/scim/v2/Groups", SCIMBodies.group("Paris", members: [ids["ada"] ?? ""]))
            ids["group"] = response[attribute: "id"]?.stringValue
            return response
        }, operation: "create", status: 201, changes: ["members"], memberCounts: (1, nil)),
        Step(name: "PATCH the group's members", send: { client, ids in
            let path = "members[value eq \"\(ids["ada"] ?? "")\"]"
            return try await client.patch("/scim/v2/Groups/\(ids["group"] ?? "")",
                                          SCIMBodies.patch([["op": "remove", "path": .string(path)]]))
        }, operation: "patch", status: 200, changes: ["members"], memberCounts: (nil, 1)),
        Step(name: "delete the user: deprovisioned", send: { client, ids in
            try await client.delete("/scim/v2/Users/\(ids["ada"] ?? "")")
        }, operation: "delete", status: 204, changes: ["status"], values: ["status": ("inactive", "deprovisioned")]),
    ] }

    @Test("each kind of request records what an admin centre shows (table)")
    func recordedPerOperation() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let tenant = try #require(try await live.store.tenant(named: "default"))
            let tokenID = try #require(try await live.store.tokens(tenant: tenant.id).first { $0.kind == .scim }).id
            var ids: [String: String] = [:]
            var seen = try await Self.entries(live).count
            for step in Self.steps {
                let response = try await step.send(client, &ids)
                let entries = try await Self.entries(live)
                guard let operation = step.operation else {
                    #expect(entries.count == seen, "\(step.name): nothing recorded")
                    continue
                }
                #expect(entries.count == seen + 1, "\(step.name): one entry")
                seen = entries.count
                let entry = try #require(entries.first)
                #expect(entry.operation == operation, "\(step.name)")
                #expect(entry.status == step.status && response.status == step.status, "\(step.name): \(response.text)")
                #expect(entry.scimType == step.scimType, "\(step.name)")
                #expect(entry.tokenID == tokenID.rawValue, "\(step.name): the token's id")
                #expect(entry.durationMicroseconds > 0, "\(step.name)")
                if step.status >= 400 {
                    #expect(entry.detail == response[attribute: "detail"]?.stringValue, "\(step.name): the detail shown")
                    #expect(entry.changes.isEmpty, "\(step.name): a failure changed nothing")
                }
                #expect(entry.changes.map(\.attribute) == step.changes, "\(step.name): \(entry.changes)")
                for (attribute, (old, new)) in step.values {
                    let change = entry.changes.first { $0.attribute == attribute }
                    #expect(change?.old == old && change?.new == new, "\(step.name): \(attribute) \(String(describing: change))")
                }
                if let counts = step.memberCounts {
                    let members = entry.changes.first { $0.attribute == "members" }
                    #expect(members?.addedCount == counts.added && members?.removedCount == counts.removed, "\(step.name)")
                }
                if operation != "get", step.status < 400 {
                    #expect(entry.resourceID == ids[entry.resourceType == "Group" ? "group" : "ada"], "\(step.name): the target")
                }
            }
            // The failed PATCH changed nothing: the user went on from version 2 (title) to 3.
            let entries = try await Self.entries(live)
            #expect(entries.first { $0.status == 409 }?.resourceName == nil)
            #expect(entries.filter { $0.resourceName == "ada@example.com" }.count >= 4, "the userName names the target")
        }
    }

    @Test("audiences joined and left: a member's programs on create, category change and delete; a bound group's joiners and leavers")
    func audiencesJoinedAndLeft() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            let group = try #require(try await client.post("/scim/v2/Groups", SCIMBodies.group("Paris", members: []))[attribute: "id"]?.stringValue)
            let schedule: JSONValue = ["type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"]
            var programs: [String: String] = [:]
            for (name, audience) in [("everyone", ["type": "all"]), ("engineers", ["type": "categories", "expression": "jobTitle = Engineer"]),
                                     ("paris", ["type": "group", "groupId": .string(group)]), ("archived", ["type": "all"])] as [(String, JSONValue)] {
                let created = try await admin.post("/api/v1/programs", ["name": .string(name), "audience": audience, "groupSize": 2, "schedule": schedule])
                programs[name] = try #require(created[attribute: "id"]?.stringValue, "\(created.text)")
            }
            #expect(try await admin.post("/api/v1/programs/\(programs["archived"] ?? "")/archive", [:]).status == 200)
            func last() async throws -> ProvisioningLogEntry { try #require(try await Self.entries(live).first) }
            func change(_ attribute: String, _ entry: ProvisioningLogEntry) -> ProvisioningLogChange? {
                entry.changes.first { $0.attribute == attribute }
            }

            let user = try #require(try await client.post("/scim/v2/Users", SCIMBodies.user("ada@example.com", extra: [("title", "Engineer")]))[attribute: "id"]?.stringValue)
            let created = try await last()
            #expect(Set(change("audiences", created)?.added ?? []) == Set([programs["everyone"], programs["engineers"]].compactMap { $0 }),
                    "\(created.changes)")
            #expect(change("audiences", created)?.removed == nil)

            #expect(try await client.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([["op": "add", "path": "members", "value": [["value": .string(user)]]]])).status != 400)
            let joinedGroup = try await last()
            #expect(change("audience:\(programs["paris"] ?? "")", joinedGroup)?.added == [user], "\(joinedGroup.changes)")

            _ = try await client.patch("/scim/v2/Users/\(user)", SCIMBodies.patch([["op": "replace", "path": "title", "value": "Manager"]]))
            let retitled = try await last()
            #expect(change("audiences", retitled)?.removed == [programs["engineers"] ?? ""], "\(retitled.changes)")
            #expect(change("audiences", retitled)?.added == nil)

            _ = try await client.patch("/scim/v2/Users/\(user)", SCIMBodies.patch([["op": "replace", "path": "active", "value": false]]))
            #expect(change("audiences", try await last()) == nil, "a deactivated member stays in its audiences (not eligible)")

            #expect(try await client.delete("/scim/v2/Users/\(user)").status == 204)
            let deleted = try await last()
            #expect(Set(change("audiences", deleted)?.removed ?? []) == Set([programs["everyone"], programs["paris"]].compactMap { $0 }), "\(deleted.changes)")
            #expect(!deleted.changes.contains { $0.added?.contains(programs["archived"] ?? "") == true || $0.removed?.contains(programs["archived"] ?? "") == true })
        }
    }

    @Test("a Bulk request is one entry; its changes name the resource each belongs to")
    func bulk() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let response = try await client.post("/scim/v2/Bulk", SCIMBulkTests.bulk([
                ["method": "POST", "path": "/Users", "bulkId": "u1", "data": SCIMBodies.user("bulk1@example.com")],
                ["method": "POST", "path": "/Users", "bulkId": "u2", "data": SCIMBodies.user("bulk2@example.com")],
            ]))
            #expect(response.status == 200)
            let ids = (response[attribute: "Operations"]?.arrayValue ?? []).compactMap {
                $0[attribute: "location"]?.stringValue?.split(separator: "/").last.map(String.init)
            }
            let entries = try await Self.entries(live)
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.operation == "bulk" && entry.status == 200 && entry.resourceID == nil)
            #expect(ids.count == 2 && ids.allSatisfy { id in entry.changes.contains { $0.attribute == "User/\(id) status" } },
                    "\(entry.changes.map(\.attribute))")
        }
    }

    @Test("a client that sends the same X-Request-Id on two requests gets two entries, not one replaced by the other")
    func reusedClientRequestID() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            for name in ["ann@example.com", "bob@example.com"] {
                let created = try await client.send("POST", "/scim/v2/Users", body: SCIMBodies.user(name),
                                                    headers: [("X-Request-Id", "idp-batch-7")])
                #expect(created.status == 201)
            }
            let entries = try await Self.entries(live)
            #expect(entries.count == 2)
            #expect(Set(entries.map(\.id)).count == 2)
            #expect(Set(entries.compactMap(\.resourceName)) == ["ann@example.com", "bob@example.com"])
        }
    }

    @Test("never the token, a password or a request body; the user agent is kept")
    func noSecrets() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let password = "S3cret-Passw0rd-\(UUID().uuidString)"
            let created = try await client.send("POST", "/scim/v2/Users",
                                                body: SCIMBodies.user("bob@example.com", extra: [("password", .string(password))]),
                                                headers: [("User-Agent", "Microsoft.Identity.Provisioning/1.0")])
            #expect(created.status == 201)
            let failed = try await client.post("/scim/v2/Users", SCIMBodies.user("bob@example.com", extra: [("password", .string(password))]))
            #expect(failed.status == 409)
            let entries = try await Self.entries(live)
            #expect(entries.count == 2)
            #expect(entries.last?.userAgent == "Microsoft.Identity.Provisioning/1.0")
            let everything = String(describing: entries)
            #expect(!everything.contains(password))
            #expect(!everything.contains(live.scimToken))
            #expect(!everything.contains("urn:ietf:params:scim:schemas:core:2.0:User"), "no request body")
            // Nor in any column of the table.
            let dump = try await live.store.database.read { db in
                try db.query("SELECT * FROM provisioning_log") { row in (0..<16).map { row.optionalString($0) ?? "" }.joined(separator: "|") }
            }.joined(separator: "\n")
            #expect(!dump.isEmpty && !dump.contains(password) && !dump.contains(live.scimToken))
        }
    }

    @Test("GET /api/v1/provisioning-log: filters, newest first, tenant-bound cursor pages; tenant A never sees B's")
    func adminEndpoint() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            for index in 0..<5 { _ = try await client.createUser("user\(index)@example.com") }
            _ = try await client.post("/scim/v2/Users", SCIMBodies.user("user0@example.com"))
            await live.server.provisioningLogWriter.flush()
            let other = try await live.store.createTenant(name: "other")
            let otherSCIM = try live.client(token: try await live.store.issueToken(tenant: other.id, kind: .scim, label: nil).plaintext)
            _ = try await otherSCIM.createUser("stranger@example.com")
            let admin = try live.client(token: live.adminToken)
            let otherAdmin = try live.client(token: try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil).plaintext)

            var names: [String] = []
            var next: String? = nil
            var pages = 0
            repeat {
                let path = "/api/v1/provisioning-log?limit=2" + (next.map { "&after=\($0)" } ?? "")
                let page = try await admin.get(path)
                #expect(page.status == 200, "\(page.text)")
                names += page[attribute: "items"]?.arrayValue?.compactMap { $0[attribute: "resourceName"]?.stringValue ?? "-" } ?? []
                next = page[attribute: "next"]?.stringValue
                pages += 1
            } while next != nil && pages < 10
            #expect(names == ["-", "user4@example.com", "user3@example.com", "user2@example.com", "user1@example.com",
                              "user0@example.com"], "newest first, each once")
            #expect(pages == 3)

            let failures = try await admin.get("/api/v1/provisioning-log?outcome=failure")
            #expect(failures[attribute: "items"]?.arrayValue?.map { $0[attribute: "status"] } == [.integer(409)])
            let byUser = try await admin.get("/api/v1/provisioning-log?user=USER3@example.com")
            #expect(byUser[attribute: "items"]?.arrayValue?.count == 1)
            let creates = try await admin.get("/api/v1/provisioning-log?operation=create&since=2000-01-01T00:00:00Z")
            #expect(creates[attribute: "items"]?.arrayValue?.count == 6)
            let none = try await admin.get("/api/v1/provisioning-log?until=2000-01-01T00:00:00Z")
            #expect(none[attribute: "items"]?.arrayValue?.isEmpty == true)

            // Tenant isolation: B sees only its own entry, and A's cursor means nothing to B.
            let theirs = try await otherAdmin.get("/api/v1/provisioning-log")
            #expect(theirs[attribute: "items"]?.arrayValue?.map { $0[attribute: "resourceName"] } == [.string("stranger@example.com")])
            let first = try await admin.get("/api/v1/provisioning-log?limit=1")
            let cursor = try #require(first[attribute: "next"]?.stringValue)
            #expect(try await otherAdmin.get("/api/v1/provisioning-log?after=\(cursor)").status == 400)
            let tampered = String(cursor.dropLast()) + (cursor.last == "A" ? "B" : "A")
            #expect(try await admin.get("/api/v1/provisioning-log?after=\(tampered)").status == 400)

            for bad in ["outcome=maybe", "operation=explode", "since=yesterday", "limit=0"] {
                let refused = try await admin.get("/api/v1/provisioning-log?\(bad)")
                #expect(refused.status == 400 && refused[attribute: "scimType"] == "invalidValue", "\(bad)")
            }
            #expect(try await client.get("/api/v1/provisioning-log").status == 401, "a SCIM token does not open it")
        }
    }

    @Test("the retention purge deletes entries past each tenant's provisioningLogRetention (default 30 days)")
    func retention() async throws {
        try await LiveServer.with { live in
            let tenant = try #require(try await live.store.tenant(named: "default")).id
            let other = try await live.store.createTenant(name: "other").id
            let now = Date()
            @Sendable func entry(_ id: String, _ tenant: Store.TenantID, daysAgo: Double) -> ProvisioningLogEntry {
                ProvisioningLogEntry(id: id, tenantID: tenant, occurredAt: now.addingTimeInterval(-daysAgo * 86_400), tokenID: nil,
                                     userAgent: nil, operation: "create", status: 201, durationMicroseconds: 1)
            }
            try await live.server.persistence.write { tx in
                for (id, days) in [("old", 31.0), ("recent", 29.0), ("week", 7.0)] {
                    try tx.provisioningLog.record(entry(id, tenant, daysAgo: days))
                    try tx.provisioningLog.record(entry(id, other, daysAgo: days))
                }
            }
            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.get("/api/v1/settings")[attribute: "provisioningLogRetentionDays"] == .integer(30))
            let changed = try await admin.patch("/api/v1/settings", ["provisioningLogRetentionDays": 5])
            #expect(changed.status == 200, "\(changed.text)")
            #expect(try await admin.patch("/api/v1/settings", ["provisioningLogRetentionDays": 0]).status == 400)

            let deleted = try await RetentionPurge(persistence: live.server.persistence).purgeProvisioningLog(at: now)
            // The server's own purge loop may have run meanwhile: at most the 4 due.
            #expect((1...4).contains(deleted))
            #expect(try await Self.entries(live, tenant: tenant).map(\.id).isEmpty, "5 days: all three are older")
            #expect(try await Self.entries(live, tenant: other).map(\.id).sorted() == ["recent", "week"], "the default 30 days")
        }
    }
}
