import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// A console session lasts while the credential that opened it holds, with that
/// credential's current rights: without a server, through ``ConsoleService``.
@Suite("Console sessions end with their credential")
struct ConsoleServiceTests {
    static let now = ServiceFixture.now

    /// Signs `email` in to `tenant` by a magic link stored for it.
    static func signInByLink(_ console: ConsoleService, _ fixture: ServiceFixture, email: String,
                             tenant: Store.TenantID = ServiceFixture.t1) async throws -> ConsoleService.SignedIn? {
        let token = "link-" + UUID().uuidString
        try await fixture.persistence.write { tx in
            try tx.console.insertLink(token: token, tenant: tenant, normalizedEmail: email.lowercased(),
                                      at: now, expiresAt: now.addingTimeInterval(600))
        }
        return try await console.signIn(linkToken: token, at: now)
    }

    @Test("a session opened with an admin token ends when the token is revoked; another token's session goes on")
    func tokenRevoked() async throws {
        try await ServiceFixture.with { fixture in
            let console = ConsoleService(persistence: fixture.persistence, accounts: fixture.store)
            let leaked = try await fixture.store.issueToken(tenant: ServiceFixture.t1, kind: .admin, label: "leaked")
            let kept = try await fixture.store.issueToken(tenant: ServiceFixture.t1, kind: .admin, label: "kept")
            let attacker = try #require(try await console.signIn(adminToken: leaked.plaintext, at: Self.now))
            let owner = try #require(try await console.signIn(adminToken: kept.plaintext, at: Self.now))
            #expect(attacker.session.tokenID == leaked.record.id.rawValue)
            #expect(try await console.session(cookie: attacker.cookie, at: Self.now)?.role == .administrator)

            #expect(try await fixture.store.revokeToken(id: leaked.record.id))
            #expect(try await console.session(cookie: attacker.cookie, at: Self.now) == nil)
            #expect(try await console.session(cookie: owner.cookie, at: Self.now)?.tenantID == ServiceFixture.t1)
            // A SCIM token never opens the console.
            let scim = try await fixture.store.issueToken(tenant: ServiceFixture.t1, kind: .scim, label: nil)
            #expect(try await console.signIn(adminToken: scim.plaintext, at: Self.now) == nil)
        }
    }

    @Test("a session opened by magic link has its address's current role, and ends when the address leaves the list")
    func linkFollowsTheList() async throws {
        try await ServiceFixture.with { fixture in
            let console = ConsoleService(persistence: fixture.persistence, accounts: fixture.store)
            _ = try await console.addAdministrator(email: "Ann@Example.com", role: .administrator, tenant: ServiceFixture.t1, at: Self.now)
            _ = try await console.addAdministrator(email: "ann@example.com", role: .administrator, tenant: ServiceFixture.t2, at: Self.now)
            let signedIn = try #require(try await Self.signInByLink(console, fixture, email: "ann@example.com"))
            let other = try #require(try await Self.signInByLink(console, fixture, email: "ann@example.com", tenant: ServiceFixture.t2))
            #expect(try await console.session(cookie: signedIn.cookie, at: Self.now)?.role == .administrator)

            // Demoted: a program manager from the next request on.
            _ = try await console.addAdministrator(email: "ann@example.com", role: .programManager, tenant: ServiceFixture.t1, at: Self.now)
            #expect(try await console.session(cookie: signedIn.cookie, at: Self.now)?.role == .programManager)

            // Taken off t1's list: its t1 session ends, its t2 session does not.
            #expect(try await console.removeAdministrator(email: "ANN@example.com", tenant: ServiceFixture.t1))
            #expect(try await console.session(cookie: signedIn.cookie, at: Self.now) == nil)
            #expect(try await console.session(cookie: other.cookie, at: Self.now)?.role == .administrator)
            #expect(try await console.administrators(tenant: ServiceFixture.t1).isEmpty)
            #expect(try await console.removeAdministrator(email: "ann@example.com", tenant: ServiceFixture.t1) == false)
            // A link sent before the removal signs in no one.
            #expect(try await Self.signInByLink(console, fixture, email: "ann@example.com") == nil)
        }
    }

    @Test("an address on two organisations' lists gets one link for each, and each email names its organisation")
    func linkEmailsNameTheOrganisation() async throws {
        try await ServiceFixture.with { fixture in
            let console = ConsoleService(persistence: fixture.persistence, accounts: fixture.store)
            for tenant in [ServiceFixture.t1, ServiceFixture.t2] {
                _ = try await console.addAdministrator(email: "ann@example.com", role: .administrator, tenant: tenant, at: Self.now)
            }
            #expect(try await console.requestSignInLinks(email: "ann@example.com", at: Self.now) == 2)
            var subjects: [String] = []
            for tenant in [ServiceFixture.t1, ServiceFixture.t2] {
                let entries = try await fixture.persistence.read { tx in try tx.outbox.page(tenant: tenant, after: 0, limit: 10) }
                let entry = try #require(entries.first { $0.kind == EventKind.consoleSignInLinkRequested.rawValue })
                let message = try #require(OutboxEmailComposer.message(for: entry, settings: OutboxSettings()))
                subjects.append(message.subject)
                let name = tenant == ServiceFixture.t1 ? "one" : "two"
                #expect(message.textBody.contains("To sign in to the admin console of \(name), open this link"), "\(message.textBody)")
            }
            #expect(subjects == ["Your admin console sign-in link · one", "Your admin console sign-in link · two"])
            #expect(try await console.requestSignInLinks(email: "nobody@example.com", at: Self.now) == 0)
        }
    }
}
