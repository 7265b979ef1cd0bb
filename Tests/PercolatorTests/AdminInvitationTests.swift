import Foundation
import SCIM
import Store
import Synchronization
import Testing
import TestSupport
@testable import Percolator

@Suite("Admin API — invitations by email and the sign-up link")
struct AdminInvitationTests {
    /// A clock the test moves forward, given to the admin API.
    final class TestClock: Sendable {
        private let date = Mutex(Date())
        var now: Date { date.withLock { $0 } }
        func advance(days: Double) { date.withLock { $0 += days * 86_400 } }
    }

    static func start(clock: TestClock = TestClock(), _ body: (LiveServer) async throws -> Void) async throws {
        try await LiveServer.with({ $0.admin.clock = { clock.now } }, body)
    }

    @Test("invite → pending member and listed Pending → accept → Active, listed Registered; the token is never stored")
    func inviteAndAccept() async throws {
        try await Self.start { live in
            let admin = try live.client(token: live.adminToken)
            let invited = try await admin.post("/api/v1/invitations", ["email": "Zoe@Example.com", "givenName": "Zoé"])
            #expect(invited.status == 201, "\(invited.text)")
            let token = try #require(invited[attribute: "token"]?.stringValue)
            let memberID = try #require(invited[attribute: "memberId"]?.stringValue)
            #expect(token.count == 43)
            #expect(invited[attribute: "status"] == "pending" && invited[attribute: "expired"] == false)
            #expect(invited[attribute: "acceptPath"] == "/api/v1/invitations/accept")
            #expect(invited.headers["location"] == "/api/v1/invitations/\(memberID)")

            var list = try await admin.allItems("/api/v1/invitations")
            #expect(list.count == 1 && list.first?[attribute: "status"] == "pending")
            #expect(list.first?[attribute: "email"] == "Zoe@Example.com" && list.first?[attribute: "token"] == nil)
            var member = try await admin.get("/api/v1/members/\(memberID)")
            #expect(member[attribute: "localStatus"] == "pending" && member[attribute: "source"] == "invitation")
            #expect(member[attribute: "givenName"] == "Zoé" && member[attribute: "eligible"] == false)
            let emails = try await admin.events(kind: "InvitationEmailRequested")
            #expect(emails.count == 1 && emails.first?[attribute: "email"] == "Zoe@Example.com")
            #expect(emails.first?[attribute: "status"] == "pending")
            #expect(try await admin.events(kind: "MemberProvisioned").count == 1)
            // The invitation row keeps only the token's SHA-256; the plaintext waits in the
            // pending email's outbox entry (erased once the email is sent, see
            // WelcomeEmailDeliveryTests) and the admin API never shows it.
            let stored = try await live.store.database.read { db in
                try db.query("SELECT length(token_hash), typeof(token_hash) FROM invitations") { ($0.int(0), $0.string(1)) }
            }
            #expect(stored.count == 1 && stored.first?.0 == 32 && stored.first?.1 == "blob")
            let everything = try await admin.get("/api/v1/events?limit=1000")
            #expect(!everything.text.contains(token), "the admin API showed the invitation token")

            let browser = try SCIMTestClient(port: live.port, token: nil)
            let accepted = try await browser.post("/api/v1/invitations/accept",
                                                  ["token": .string(token), "familyName": "Éluard"])
            #expect(accepted.status == 200, "\(accepted.text)")
            #expect(accepted[attribute: "memberId"] == .string(memberID) && accepted[attribute: "localStatus"] == "active")
            #expect(accepted[attribute: "givenName"] == "Zoé" && accepted[attribute: "familyName"] == "Éluard")

            list = try await admin.allItems("/api/v1/invitations")
            #expect(list.first?[attribute: "status"] == "registered" && list.first?[attribute: "acceptedAt"] != nil)
            let one = try await admin.get("/api/v1/invitations/\(memberID)")
            #expect(one.status == 200 && one[attribute: "status"] == "registered")
            member = try await admin.get("/api/v1/members/\(memberID)")
            #expect(member[attribute: "localStatus"] == "active" && member[attribute: "eligible"] == true)
            #expect(member[attribute: "familyName"] == "Éluard")
            #expect(try await admin.events(kind: "InvitationAccepted").count == 1)
            #expect(try await admin.events(kind: "WelcomeEmailRequested").count == 1)

            // Single use: the same token again is refused, and changes nothing.
            let events = try await admin.events().count
            let reused = try await browser.post("/api/v1/invitations/accept",
                                                ["token": .string(token), "givenName": "Mallory", "familyName": "X"])
            #expect(reused.status == 410 && reused.headers["content-type"] == "application/scim+json")
            #expect(reused[attribute: "detail"]?.stringValue?.contains("already used") == true)
            #expect(try await admin.get("/api/v1/members/\(memberID)")[attribute: "givenName"] == "Zoé")
            #expect(try await admin.events().count == events)
        }
    }

    @Test("an expired invitation is refused with 410 and stays pending")
    func expired() async throws {
        let clock = TestClock()
        try await Self.start(clock: clock) { live in
            let admin = try live.client(token: live.adminToken)
            let invited = try await admin.post("/api/v1/invitations", ["email": "late@example.com"])
            let token = try #require(invited[attribute: "token"]?.stringValue)
            let memberID = try #require(invited[attribute: "memberId"]?.stringValue)
            clock.advance(days: 14.01)

            let browser = try SCIMTestClient(port: live.port, token: nil)
            let response = try await browser.post("/api/v1/invitations/accept",
                                                  ["token": .string(token), "givenName": "Late", "familyName": "Comer"])
            #expect(response.status == 410)
            #expect(response[attribute: "detail"]?.stringValue?.contains("expired") == true)
            let listed = try await admin.allItems("/api/v1/invitations").first
            #expect(listed?[attribute: "status"] == "pending" && listed?[attribute: "expired"] == true)
            #expect(try await admin.get("/api/v1/members/\(memberID)")[attribute: "localStatus"] == "pending")
            #expect(try await admin.events(kind: "InvitationAccepted").isEmpty)
        }
    }

    @Test("bad invitation requests are SCIM errors that change nothing")
    func badRequests() async throws {
        try await Self.start { live in
            let admin = try live.client(token: live.adminToken)
            let browser = try SCIMTestClient(port: live.port, token: nil)
            #expect(try await admin.post("/api/v1/invitations", ["email": "not an address"]).status == 400)
            #expect(try await admin.post("/api/v1/invitations", ["givenName": "Nobody"]).status == 400)
            // Refused at head time, then the connection closes: a client of its own.
            let stranger = try SCIMTestClient(port: live.port, token: nil)
            #expect(try await stranger.post("/api/v1/invitations", ["email": "x@example.com"]).status == 401)
            #expect(try await admin.post("/api/v1/invitations", ["email": "taken@example.com"]).status == 201)
            let twice = try await admin.post("/api/v1/invitations", ["email": "TAKEN@example.com"])
            #expect(twice.status == 409 && twice[attribute: "scimType"] == "uniqueness")

            let unknown = try await browser.post("/api/v1/invitations/accept", ["token": "no-such-token", "givenName": "A", "familyName": "B"])
            #expect(unknown.status == 400 && unknown[attribute: "scimType"] == "invalidValue")
            #expect(unknown[attribute: "detail"]?.stringValue?.contains("not valid") == true)
            #expect(try await browser.post("/api/v1/invitations/accept", ["givenName": "A"]).status == 400)
            #expect(try await browser.send("POST", "/api/v1/invitations/accept", rawBody: "{").status == 400)
            #expect(try await admin.members().count == 1)
        }
    }

    @Test("the sign-up link admits the allowed domains, refuses others naming the allowed ones, and can be rotated or closed")
    func signUpLink() async throws {
        try await Self.start { live in
            let admin = try live.client(token: live.adminToken)
            let browser = try SCIMTestClient(port: live.port, token: nil)
            let created = try await admin.post("/api/v1/invitation-link", [:])
            #expect(created.status == 201)
            let token = try #require(created[attribute: "token"]?.stringValue)
            #expect(created[attribute: "signupPath"] == "/api/v1/signup" && created[attribute: "allowedEmailDomains"] == [])

            func signUp(_ email: String, _ token: String) async throws -> SCIMTestClient.Response {
                try await browser.post("/api/v1/signup", ["token": .string(token), "email": .string(email),
                                                          "givenName": "Alice", "familyName": "Liddell"])
            }
            // No allowed domain yet: nobody may sign up.
            var refused = try await signUp("alice@example.com", token)
            #expect(refused.status == 403)
            #expect(refused[attribute: "detail"]?.stringValue?.contains("allows no email domain") == true)

            #expect(try await admin.patch("/api/v1/settings", ["allowedEmailDomains": ["example.com", "Example.org"]]).status == 200)
            let alice = try await signUp("alice@example.com", token)
            #expect(alice.status == 201, "\(alice.text)")
            #expect(alice[attribute: "localStatus"] == "active")
            let id = try #require(alice[attribute: "memberId"]?.stringValue)
            let member = try await admin.get("/api/v1/members/\(id)")
            #expect(member[attribute: "source"] == "invitation" && member[attribute: "eligible"] == true)
            #expect(try await admin.events(kind: "WelcomeEmailRequested").count == 1)

            refused = try await signUp("bob@evil.test", token)
            #expect(refused.status == 403 && refused.headers["content-type"] == "application/scim+json")
            let detail = refused[attribute: "detail"]?.stringValue ?? ""
            #expect(detail.contains("evil.test") && detail.contains("example.com, example.org"), "\(detail)")
            #expect(try await signUp("ALICE@example.com", token).status == 409)
            #expect(try await signUp("carol@example.com", "no-such-token").status == 400)
            #expect(try await browser.post("/api/v1/signup", ["token": .string(token), "email": "dan@example.com"]).status == 400)

            // A new link revokes the old one; closing revokes every link.
            let rotated = try await admin.post("/api/v1/invitation-link", [:])
            let newToken = try #require(rotated[attribute: "token"]?.stringValue)
            #expect(rotated[attribute: "revokedLinks"] == 1)
            let closed = try await signUp("carol@example.com", token)
            #expect(closed.status == 410 && closed[attribute: "detail"]?.stringValue?.contains("closed") == true)
            #expect(try await signUp("carol@example.com", newToken).status == 201)
            #expect(try await admin.delete("/api/v1/invitation-link").status == 204)
            #expect(try await signUp("dave@example.org", newToken).status == 410)

            #expect(try await admin.members().count == 2)
        }
    }

    @Test("another tenant sees none of the invitations; their ids answer 404; a link signs up into its own tenant")
    func tenantIsolation() async throws {
        try await Self.start { live in
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil).plaintext
            let admin = try live.client(token: live.adminToken)
            let theirs = try live.client(token: otherToken)

            let invited = try await admin.post("/api/v1/invitations", ["email": "zoe@example.com"])
            let memberID = try #require(invited[attribute: "memberId"]?.stringValue)
            #expect(try await theirs.allItems("/api/v1/invitations").isEmpty)
            #expect(try await theirs.get("/api/v1/invitations/\(memberID)").status == 404)
            #expect(try await theirs.get("/api/v1/members/\(memberID)").status == 404)
            // The same address may be invited by another organisation.
            #expect(try await theirs.post("/api/v1/invitations", ["email": "zoe@example.com"]).status == 201)

            #expect(try await theirs.patch("/api/v1/settings", ["allowedEmailDomains": ["other.test"]]).status == 200)
            let link = try await theirs.post("/api/v1/invitation-link", [:])
            let token = try #require(link[attribute: "token"]?.stringValue)
            let browser = try SCIMTestClient(port: live.port, token: nil)
            let signedUp = try await browser.post("/api/v1/signup", ["token": .string(token), "email": "eve@other.test",
                                                                     "givenName": "Eve", "familyName": "Other"])
            #expect(signedUp.status == 201)
            #expect(try await theirs.members().count == 2)
            #expect(try await admin.members().count == 1)
            // Revoking one tenant's links leaves the other's alone.
            #expect(try await admin.delete("/api/v1/invitation-link").status == 204)
            #expect(try await browser.post("/api/v1/signup", ["token": .string(token), "email": "fay@other.test",
                                                              "givenName": "Fay", "familyName": "Other"]).status == 201)
        }
    }

    /// Whether the database file or its WAL holds `text` anywhere.
    static func databaseHolds(_ text: String, _ live: LiveServer) throws -> Bool {
        let path = live.server.configuration.databasePath
        let needle = Data(text.utf8)
        return try ["", "-wal"].contains { suffix in
            guard FileManager.default.fileExists(atPath: path + suffix) else { return false }
            return try Data(contentsOf: URL(fileURLWithPath: path + suffix)).range(of: needle) != nil
        }
    }
}
