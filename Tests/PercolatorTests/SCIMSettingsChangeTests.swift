import SCIM
import Testing
import TestSupport
@testable import Percolator

/// A settings change through the admin API takes effect on the very next SCIM create: the
/// SCIM service keeps a tenant's configuration between requests, and whatever it keeps
/// must not make a member follow the category mapping or the welcome-email setting that
/// was in force before the change (kept from issue 10's round 4, whose prepared-before-
/// the-writer provisioning was measured slower on PATCHes and reverted).
@Suite("A User created right after a settings change gets the new settings")
struct SCIMSettingsChangeTests {
    @Test("the category mapping changed after the settings were kept: the member gets the new mapping's categories")
    func categoryMappingChanged() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            let mapped = try await admin.patch("/api/v1/settings", ["categoryMapping": [["path": "title", "category": "role"]]])
            #expect(mapped.status == 200, "\(mapped.text)")
            // Keeps the settings with the `title → role` mapping.
            let first = try await client.createUser("first@example.com", extra: [("title", "Engineer")])
            let firstMember = try await admin.get("/api/v1/members/\(first)")
            #expect(firstMember[attribute: "categories"]?[attribute: "role"] == ["Engineer"], "\(firstMember.text)")

            let remapped = try await admin.patch("/api/v1/settings", ["categoryMapping": [["path": "title", "category": "jobTitle"]]])
            #expect(remapped.status == 200, "\(remapped.text)")
            for userName in ["second@example.com", "third@example.com"] {
                let id = try await client.createUser(userName, extra: [("title", "Designer")])
                let member = try await admin.get("/api/v1/members/\(id)")
                #expect(member[attribute: "categories"]?[attribute: "jobTitle"] == ["Designer"], "\(userName): \(member.text)")
                #expect(member[attribute: "categories"]?[attribute: "role"] == nil, "\(userName): \(member.text)")
            }
        }
    }

    @Test("the welcome email turned off after the settings were kept: the next member gets none")
    func welcomeEmailTurnedOff() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            _ = try await client.createUser("kept@example.com")
            let off = try await admin.patch("/api/v1/settings", ["sendWelcomeEmail": false])
            #expect(off.status == 200, "\(off.text)")
            _ = try await client.createUser("quiet@example.com")
            let welcomes = try await admin.events(kind: "WelcomeEmailRequested")
            #expect(welcomes.compactMap { $0[attribute: "email"]?.stringValue } == ["kept@example.com"], "\(welcomes)")
            #expect(try await admin.events(kind: "MemberProvisioned").count == 2)
        }
    }
}
