import Coffee
import Crypto
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console's "Member sources" pages (issue 14, item 5) on the real server, against a
/// Slack that answers from the vendor's documented bodies: create with a write-only
/// credential, test, run now, the run's counts, delete; refusals change nothing; CSRF,
/// roles and tenant isolation.
@Suite("Admin console — member sources (Slack, Teams, HR system connections)")
struct ConsoleConnectionsTests {
    static let token = "xoxb-1234-console-secret-WXYZ"

    static func connectionIDs(_ live: LiveServer, tenant: Store.TenantID? = nil) async throws -> [String] {
        let id: Store.TenantID
        if let tenant { id = tenant } else { id = try #require(try await live.store.tenant(named: "default")).id }
        return try await live.server.persistence.read { tx in try tx.connections.connections(tenant: id).map(\.id.rawValue) }
    }

    /// A Slack connection of another organisation, `other`, and its settings.
    static func foreignConnection(_ live: LiveServer) async throws -> (tenant: Store.TenantID, connection: StoredConnection,
                                                                      settings: ConnectionSettings) {
        let other = try await live.store.createTenant(name: "other")
        let service = ConnectionService(persistence: live.server.persistence, cipher: CredentialCipher(key: try EncryptionKey.generate()))
        var settings = ConnectionSettings()
        settings.baseURL = "http://127.0.0.1:9/api"
        let foreign = try await service.create(.init(kind: .slack, name: "Theirs", settings: settings, secret: "xoxb-other"),
                                               tenant: other.id, at: Date())
        return (other.id, foreign, settings)
    }

    @Test("create (the credential never shown again) → test → run now → the run's counts → delete")
    func createTestRunDelete() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json")] + ConnectionServiceTests.pages()
        try await VendorStub.with([ConnectionServiceTests.route: replies]) { stub in
            try await LiveServer.with { live in
                let browser = try await ConsoleTests.administrator(live)
                let empty = try await browser.get("/admin/connections")
                #expect(empty.status == 200 && empty.text.contains("No connection yet."), "\(empty.text)")
                let created = try await browser.post("/admin/connections", [
                    ("kind", "slack"), ("name", "Our <b>Slack</b>"), ("secret", Self.token),
                    ("baseURL", stub.url("/api").absoluteString), ("intervalHours", ""),
                ], from: "/admin/connections")
                #expect(created.status == 303, "\(created.status) \(created.text)")
                let location = try #require(created.headers["location"])
                #expect(location.hasPrefix("/admin/connections/") && location.hasSuffix("?notice=created"))
                let page = try await browser.get(location)
                #expect(page.status == 200 && page.text.contains("The connection was created."))
                #expect(page.text.contains("…WXYZ") && !page.text.contains(Self.token), "only the credential's last four characters")
                #expect(page.text.contains("Our &lt;b&gt;Slack&lt;/b&gt;") && !page.text.contains("<b>Slack"))
                #expect(page.text.contains("Only when run by hand") && page.text.contains("No run yet."))

                let path = String(location.prefix { $0 != "?" })
                let tested = try await browser.post(path + "/test", [], from: path)
                #expect(tested.status == 200 && tested.text.contains("Reached: the first page lists"), "\(tested.text)")
                let ran = try await browser.post(path + "/run", [], from: path)
                #expect(ran.status == 303 && ran.headers["location"] == path + "?notice=ran", "\(ran.status) \(ran.text)")
                let after = try await browser.get(path + "?notice=ran")
                #expect(after.text.contains("Succeeded") && after.text.contains("created 3"), "\(after.text)")
                let listed = try await browser.get("/admin/connections")
                #expect(listed.text.contains("Slack workspace") && listed.text.contains("Succeeded"), "\(listed.text)")
                let tenant = try #require(try await live.store.tenant(named: "default")).id
                let members = try await live.server.persistence.read { tx in
                    try tx.members.page(tenant: tenant, after: 0, limit: 10).map(\.member.source)
                }
                #expect(members.count == 3 && members.allSatisfy { $0 == .slack }, "\(members)")

                let deleted = try await browser.post(path + "/delete", [], from: path)
                #expect(deleted.status == 303 && deleted.headers["location"] == "/admin/connections?notice=deleted")
                #expect(try await Self.connectionIDs(live).isEmpty)
                #expect(try await browser.get(path).status == 404)
            }
        }
    }

    @Test("refusals show the reason and create nothing: no credential, hours not a number, a private address, an unknown kind")
    func refusals() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let cases: [(String, [(String, String)], String)] = [
                ("no credential", [("kind", "slack"), ("name", "S"), ("secret", "")], "needs its credential"),
                ("hours", [("kind", "slack"), ("name", "S"), ("secret", "x-1234"), ("intervalHours", "daily")], "Hours between runs"),
                ("range", [("kind", "slack"), ("name", "S"), ("secret", "x-1234"), ("intervalHours", "9999")], "between 1 and 720"),
                ("private", [("kind", "hris"), ("name", "H"), ("secret", "k-1234"), ("companyDomain", "acme"),
                             ("baseURL", "https://10.0.0.5/api")], "public host"),
                ("kind", [("kind", "ldap"), ("name", "L"), ("secret", "k-1234")], "ldap"),
            ]
            for (name, fields, reason) in cases {
                let refused = try await browser.post("/admin/connections", fields, from: "/admin/connections")
                #expect(refused.status == 400, "\(name): \(refused.status)")
                #expect(refused.text.contains("The connection was not saved") && refused.text.contains(reason), "\(name): \(refused.text)")
                #expect(!refused.text.contains("x-1234") && !refused.text.contains("k-1234"), "\(name): the credential is not sent back")
            }
            #expect(try await Self.connectionIDs(live).isEmpty)
        }
    }

    @Test("CSRF on every form, administrators only, another organisation's connection is 404 and unchanged")
    func security() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (other, foreign, _) = try await Self.foreignConnection(live)
            let foreignPath = "/admin/connections/\(foreign.id.rawValue)"
            #expect(try await browser.get(foreignPath).status == 404)
            for action in ["/run", "/test", "/delete"] {
                #expect(try await browser.post(foreignPath + action, [], from: "/admin/connections").status == 404, "\(action)")
            }
            #expect(try await Self.connectionIDs(live, tenant: other) == [foreign.id.rawValue])

            let forged = try await PortalTests.post(browser.client, "/admin/connections",
                                                    [("kind", "slack"), ("name", "S"), ("secret", "xoxb-1")], cookies: browser.cookies)
            #expect(forged.status == 403)
            #expect(try await Self.connectionIDs(live).isEmpty)

            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.get("/admin/connections").status == 403)
            #expect(try await manager.post("/admin/connections", [("kind", "slack"), ("name", "S"), ("secret", "xoxb-1")],
                                           from: "/admin/programs").status == 403)
            #expect(try await Self.connectionIDs(live).isEmpty)
        }
    }
}
