import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// Every row of domain.md's transition table, through real SCIM requests on the live
/// server, asserting on the member, its eligibility and the outbox (admin API).
@Suite("Provisioning: SCIM operations become member transitions")
struct ProvisioningTransitionTests {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    static func entraUser(_ userName: String, active: JSONValue = true) -> JSONValue {
        SCIMBodies.user(userName, active: active, extra: [
            ("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]),
            ("title", "Engineer"),
            ("addresses", [["type": "work", "locality": "Lyon"], ["type": "home", "locality": "Annecy"]]),
            (enterprise, ["department": "Sales", "costCenter": "CC-7"]),
        ])
    }

    @Test("POST /Users, active: member live and eligible, mapped categories, MemberProvisioned then WelcomeEmailRequested")
    func provisionActive() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.post("/scim/v2/Users", Self.entraUser("ada@example.com"))[attribute: "id"]?.stringValue ?? ""
            let member = try await admin.member(id)
            #expect(member[attribute: "lifecycle"] == "live")
            #expect(member[attribute: "idpActive"] == true)
            #expect(member[attribute: "localStatus"] == "active")
            #expect(member[attribute: "eligible"] == true)
            #expect(member[attribute: "source"] == "scim")
            #expect(member[attribute: "emails"] == ["ada@example.com"])
            let categories = try #require(member[attribute: "categories"])
            #expect(categories[attribute: "department"] == ["Sales"])
            #expect(categories[attribute: "costCenter"] == ["CC-7"])
            #expect(categories[attribute: "jobTitle"] == ["Engineer"])
            #expect(categories[attribute: "city"] == ["Lyon"], "the work address's locality, not the home one")
            #expect(try await admin.eventKinds(about: id) == ["MemberProvisioned", "WelcomeEmailRequested"])
            let welcome = try #require(try await admin.events().first { $0[attribute: "kind"] == "WelcomeEmailRequested" })
            #expect(welcome[attribute: "email"] == "ada@example.com")
            #expect(welcome[attribute: "status"] == "pending", "no relay configured: the email waits in the outbox")
            // Categories the IdP fills grow the catalog's known values.
            let catalog = try await admin.client.get("/api/v1/categories").json?[attribute: "items"]?.arrayValue ?? []
            let department = catalog.first { $0[attribute: "key"] == "department" }
            #expect(department?[attribute: "knownValues"] == ["Sales"])
        }
    }

    @Test("POST /Users, active=false: created, not eligible, only MemberProvisioned")
    func provisionInactive() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.createUser("bob@example.com", active: "False")
            let member = try await admin.member(id)
            #expect(member[attribute: "idpActive"] == false)
            #expect(member[attribute: "eligible"] == false)
            #expect(member[attribute: "ineligibleBecause"] == ["deactivatedByIdentityProvider"])
            #expect(try await admin.eventKinds(about: id) == ["MemberProvisioned"])
        }
    }

    @Test("PUT /Users/{id}: SCIM-owned attributes replaced, MemberUpdated naming what changed")
    func replace() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.createUser("carol@example.com")
            var body = SCIMBodies.user("carol@example.com", extra: [("title", "Designer")])
            body = body.with("name", ["givenName": "Caroline", "familyName": "Family"])
            let response = try await scim.put("/scim/v2/Users/\(id)", body)
            #expect(response.status == 200)
            let member = try await admin.member(id)
            #expect(member[attribute: "givenName"] == "Caroline")
            #expect(member[attribute: "categories"]?[attribute: "jobTitle"] == ["Designer"])
            let updated = try #require(try await admin.events().last)
            #expect(updated[attribute: "kind"] == "MemberUpdated")
            #expect(updated[attribute: "changedFields"] == ["givenName"])
            #expect(updated[attribute: "changedCategories"] == ["jobTitle"])
        }
    }

    @Test("PATCH active=false (Entra's \"Replace\" / \"False\"), then active=true: deactivated, reactivated, no second welcome")
    func deactivateAndReactivate() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.createUser("dan@example.com")
            let off = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "Replace", "path": "active", "value": "False"]]))
            #expect(off.status == 200)
            var member = try await admin.member(id)
            #expect(member[attribute: "idpActive"] == false)
            #expect(member[attribute: "localStatus"] == "active", "SCIM never changes the local status")
            #expect(member[attribute: "eligible"] == false)
            // An IdP retry of the same PATCH changes nothing and records nothing.
            _ = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "Replace", "path": "active", "value": "False"]]))
            let on = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "value": ["active": true]]]))
            #expect(on.status == 200)
            member = try await admin.member(id)
            #expect(member[attribute: "idpActive"] == true)
            #expect(member[attribute: "eligible"] == true)
            #expect(try await admin.eventKinds(about: id)
                    == ["MemberProvisioned", "WelcomeEmailRequested", "MemberDeactivated", "MemberReactivated"])
        }
    }

    @Test("PATCH of other attributes: category values updated, MemberUpdated with the changed categories")
    func patchCategories() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.post("/scim/v2/Users", Self.entraUser("eve@example.com"))[attribute: "id"]?.stringValue ?? ""
            let response = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "Replace", "path": .string("\(Self.enterprise):department"), "value": "Marketing"],
            ]))
            #expect(response.status == 200, "\(response.text)")
            let member = try await admin.member(id)
            #expect(member[attribute: "categories"]?[attribute: "department"] == ["Marketing"])
            let updated = try #require(try await admin.events().last)
            #expect(updated[attribute: "kind"] == "MemberUpdated")
            #expect(updated[attribute: "changedCategories"] == ["department"])
        }
    }

    @Test("DELETE /Users/{id}: SCIM 404 from then on, member deprovisioned and kept, MemberDeprovisioned")
    func deprovision() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let id = try await scim.createUser("fay@example.com")
            #expect(try await scim.delete("/scim/v2/Users/\(id)").status == 204)
            #expect(try await scim.get("/scim/v2/Users/\(id)").status == 404)
            let member = try await admin.member(id)
            #expect(member[attribute: "lifecycle"] == "deprovisioned")
            #expect(member[attribute: "eligible"] == false)
            #expect(member[attribute: "deprovisionedAt"] != nil)
            #expect(try await admin.eventKinds(about: id).last == "MemberDeprovisioned")
            // The same userName provisioned again is a new member (no re-linking by default).
            let again = try await scim.createUser("fay@example.com")
            #expect(again != id)
            #expect(try await admin.member(again)[attribute: "lifecycle"] == "live")
        }
    }

    @Test("Group members added, removed, replaced: GroupMembershipChanged with exactly the delta")
    func groupMembership() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let a = try await scim.createUser("a@example.com")
            let b = try await scim.createUser("b@example.com")
            let c = try await scim.createUser("c@example.com")
            let group = try await scim.createGroup("Coffee lovers", members: [a])
            _ = try await scim.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "add", "path": "members", "value": [["value": .string(b)], ["value": .string(a)]]],
            ]))
            _ = try await scim.patch("/scim/v2/Groups/\(group)", SCIMBodies.patch([
                ["op": "remove", "path": .string("members[value eq \"\(a)\"]")],
            ]))
            _ = try await scim.put("/scim/v2/Groups/\(group)", SCIMBodies.group("Coffee lovers", members: [b, c]))
            let changes = try await admin.events().filter { $0[attribute: "subject"]?.stringValue == group }
            #expect(changes.map { $0[attribute: "kind"] } == Array(repeating: "GroupMembershipChanged", count: 4))
            #expect(changes.map { $0[attribute: "added"] } == [.array([.string(a)]), .array([.string(b)]), .array([]), .array([.string(c)])])
            #expect(changes.map { $0[attribute: "removed"] } == [.array([]), .array([]), .array([.string(a)]), .array([])])
        }
    }

    @Test("DELETE /Groups/{id}: ProgramAudienceBroken")
    func deleteGroup() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let group = try await scim.createGroup("Paris office")
            #expect(try await scim.delete("/scim/v2/Groups/\(group)").status == 204)
            #expect(try await admin.eventKinds(about: group) == ["ProgramAudienceBroken"])
        }
    }

    @Test("a refused SCIM write (409) leaves no member and no event")
    func refusedWriteChangesNothing() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            _ = try await scim.createUser("gus@example.com")
            let before = try await admin.events().count
            #expect(try await scim.post("/scim/v2/Users", SCIMBodies.user("GUS@example.com")).status == 409)
            #expect(try await admin.events().count == before)
            let members = try await admin.client.get("/api/v1/members").json?[attribute: "items"]?.arrayValue ?? []
            #expect(members.count == 1)
        }
    }

    @Test("the admin API takes only admin tokens, and another tenant's member is 404")
    func adminIsolation() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let id = try await scim.createUser("hal@example.com")
            let withSCIMToken = try await scim.get("/api/v1/members/\(id)")
            #expect(withSCIMToken.status == 401)
            #expect(withSCIMToken.headers["content-type"] == "application/scim+json")
            let other = try await live.store.createTenant(name: "other")
            let otherAdmin = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil)
            let outsider = try live.client(token: otherAdmin.plaintext)
            #expect(try await outsider.get("/api/v1/members/\(id)").status == 404)
            #expect(try await outsider.get("/api/v1/members").json?[attribute: "items"] == [])
            #expect(try await outsider.get("/api/v1/events").json?[attribute: "items"] == [])
        }
    }
}

extension JSONValue {
    /// This object with `key` set to `value`.
    func with(_ key: String, _ value: JSONValue) -> JSONValue {
        guard var object = objectValue else { return self }
        object[key] = value
        return .object(object)
    }
}

@Suite("Retention purge of deprovisioned members")
struct RetentionPurgeTests {
    @Test("after the tenant's retention, a deprovisioned member is anonymised, its id kept, MemberPurged recorded")
    func purgeAfterRetention() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try AdminProbe(live)
            let kept = try await scim.createUser("kept@example.com")
            let gone = try await scim.createUser("gone@example.com")
            _ = try await scim.delete("/scim/v2/Users/\(gone)")
            let purge = RetentionPurge(persistence: live.server.persistence)
            // Within the default 30 days: nothing happens.
            #expect(try await purge.run(at: Date().addingTimeInterval(29 * 86_400)) == 0)
            #expect(try await admin.member(gone)[attribute: "lifecycle"] == "deprovisioned")
            #expect(try await purge.run(at: Date().addingTimeInterval(31 * 86_400)) == 1)
            let member = try await admin.member(gone)
            #expect(member[attribute: "lifecycle"] == "purged")
            #expect(member[attribute: "givenName"] == "Anonymous")
            #expect(member[attribute: "emails"] == [])
            #expect(member[attribute: "id"] == .string(gone))
            #expect(try await admin.eventKinds(about: gone).last == "MemberPurged")
            let history = try await admin.events().filter { $0[attribute: "subject"]?.stringValue == gone }
            #expect(history.allSatisfy { $0[attribute: "email"] == nil }, "the purged member's address stays in the outbox")
            #expect(history.contains { $0[attribute: "kind"] == "WelcomeEmailRequested" }, "the history itself is kept")
            #expect(try await admin.member(kept)[attribute: "lifecycle"] == "live")
            // A second pass finds nothing more to do.
            #expect(try await purge.run(at: Date().addingTimeInterval(32 * 86_400)) == 0)
        }
    }
}
