import Foundation
import Testing
import Store
import TestSupport
@testable import Percolator

@Suite("percolator serve as a child process")
struct ServeCommandTests {
    @Test("serve answers /healthz and exits 0 on SIGTERM")
    func sigterm() async throws {
        try await withTemporaryDirectory { (directory: URL) async throws in
            let server = ServerProcess(arguments: ["--database", directory.appendingPathComponent("db.sqlite").path])
            try await server.start()
            let client = try RawClient(port: server.port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(await server.stop(signal: SIGTERM) == 0)
        }
    }

    @Test("serve exits 0 on SIGINT too")
    func sigint() async throws {
        try await withTemporaryDirectory { (directory: URL) async throws in
            let server = ServerProcess(arguments: ["--access-log", "off", "--database", directory.appendingPathComponent("db.sqlite").path])
            try await server.start()
            #expect(await server.stop(signal: SIGINT) == 0)
        }
    }

    @Test("the first start shows the SCIM base URL with the port actually bound (--port 0)")
    func announcesBoundPort() async throws {
        try await withTemporaryDirectory { (directory: URL) async throws in
            let server = ServerProcess(arguments: ["--access-log", "off", "--database", directory.appendingPathComponent("db.sqlite").path])
            try await server.start()
            #expect(server.startupOutput.contains("SCIM base URL: http://127.0.0.1:\(server.port)/scim/v2\n"))
            #expect(!server.startupOutput.contains(":0/scim/v2"))
            #expect(await server.stop() == 0)
        }
    }

    @Test("a start that cannot listen exits 69 and creates no tenant: its tokens are shown when it does start")
    func portInUseCreatesNothing() async throws {
        try await withTemporaryDirectory { (directory: URL) async throws in
            let first = ServerProcess(arguments: ["--access-log", "off", "--database", directory.appendingPathComponent("first.sqlite").path])
            try await first.start()
            let path = directory.appendingPathComponent("second.sqlite").path
            let second = try ChildProcess(ServerProcess.executable.path, ["serve", "--port", String(first.port), "--database", path],
                                          standardError: .pipe)
            let message = String(decoding: second.standardError.map(ChildProcess.readToEnd) ?? [], as: UTF8.self)
            #expect(second.waitForExit() == 69)
            #expect(message.contains("Address already in use"))
            #expect(!message.contains("pct_"))
            #expect(try await SQLiteStore.open(path: path).tenants().isEmpty)
            #expect(await first.stop() == 0)
        }
    }

    @Test("a bad flag exits 64 with a message")
    func badFlag() async throws {
        let process = try ChildProcess(ServerProcess.executable.path, ["serve", "--no-such-flag"], standardError: .pipe)
        let message = String(decoding: process.standardError.map(ChildProcess.readToEnd) ?? [], as: UTF8.self)
        #expect(process.waitForExit() == 64)
        #expect(message.contains("unknown option '--no-such-flag'"))
    }
}

@Suite("The SCIM base URL serve shows at first start")
struct AnnouncedBaseURLTests {
    @Test("base-url when set, else the listening address with the bound port", arguments: [
        ("127.0.0.1", UInt16(8080), nil, "http://127.0.0.1:8080/scim/v2", false),
        ("localhost", 51234, nil, "http://localhost:51234/scim/v2", false),
        ("scim.internal", 8080, "https://scim.example.com/scim/v2", "https://scim.example.com/scim/v2", false),
        // Every address: 0.0.0.0 is no address an identity provider can call.
        ("0.0.0.0", 8080, nil, "http://127.0.0.1:8080/scim/v2", true),
        ("::", 8080, nil, "http://[::1]:8080/scim/v2", true),
        ("", 8080, nil, "http://127.0.0.1:8080/scim/v2", true),
        // An IPv6 literal goes in brackets (RFC 3986 §3.2.2).
        ("::1", 8080, nil, "http://[::1]:8080/scim/v2", false),
        ("fe80::1", 9000, nil, "http://[fe80::1]:9000/scim/v2", false),
    ] as [(String, UInt16, String?, String, Bool)])
    func announced(host: String, port: UInt16, configured: String?, url: String, noted: Bool) {
        let shown = ServeCommand.announcedBaseURL(host: host, port: port, configured: configured)
        #expect(shown.url == url)
        #expect((shown.note != nil) == noted)
    }
}

@Suite("First start")
struct FirstStartTests {
    /// Runs `body` with a store on a new database file, removed afterwards.
    private func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { (directory: URL) async throws in
            try await body(try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path))
        }
    }

    @Test("an empty database gets a default tenant; a token from the environment is used as given")
    func firstStart() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            let supplied = BearerToken.generate()
            let outcome = try await FirstStart.run(store: store, environment: ["PERCOLATOR_SCIM_TOKEN": supplied])
            #expect(outcome?.tenantName == "default")
            #expect(outcome?.generatedSCIMToken == nil)
            let adminToken = try #require(outcome?.generatedAdminToken)
            let tenant = try #require(try await store.tenant(named: "default"))
            #expect(try await store.authenticate(plaintext: supplied, kind: .scim) == tenant.id)
            #expect(try await store.authenticate(plaintext: adminToken, kind: .admin) == tenant.id)
            #expect(try await store.authenticate(plaintext: supplied, kind: .admin) == nil)
            // A second start creates nothing.
            #expect(try await FirstStart.run(store: store, environment: [:]) == nil)
        }
    }

    @Test("a malformed token in the environment is refused before anything is created")
    func malformed() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            await #expect(throws: FirstStart.TokenRefusal.malformed(variable: "PERCOLATOR_SCIM_TOKEN")) {
                try await FirstStart.run(store: store, environment: ["PERCOLATOR_SCIM_TOKEN": "secret"])
            }
            #expect(try await store.tenants().isEmpty)
        }
    }

    @Test("an instance that finds the default tenant created by another one starting at the same time creates nothing")
    func concurrentFirstStart() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            // The other instance's first start, between this one's look at the tenants and its insert.
            let other = try #require(try await FirstStart.run(store: store, environment: [:]))
            let late = SeesNoTenantYet(store: store)
            #expect(try await FirstStart.run(store: late, environment: [:]) == nil)
            #expect(try await store.tenants().map(\.name) == ["default"])
            let tenant = try #require(try await store.tenant(named: "default"))
            #expect(try await store.tokens(tenant: tenant.id).count == 2)
            #expect(try await store.authenticate(plaintext: try #require(other.generatedAdminToken), kind: .admin) == tenant.id)
        }
    }

    @Test("importing a token that exists already stores nothing and says so (nil)")
    func importExisting() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            let tenant = try await store.createTenant(name: "acme")
            let token = BearerToken.generate()
            #expect(try await store.importToken(tenant: tenant.id, kind: .scim, plaintext: token, label: nil) != nil)
            #expect(try await store.importToken(tenant: tenant.id, kind: .admin, plaintext: token, label: nil) == nil)
            #expect(try await store.tokens(tenant: tenant.id).map(\.kind) == [.scim])
        }
    }

    @Test("the same token for SCIM and the admin API is refused before anything is created")
    func shared() async throws {
        try await withStore { (store: SQLiteStore) async throws in
            let token = BearerToken.generate()
            // Before: the admin token was silently not stored (a token has one kind) while
            // serve said it was the one in PERCOLATOR_ADMIN_TOKEN, and every admin call got 401.
            await #expect(throws: FirstStart.TokenRefusal.shared) {
                try await FirstStart.run(store: store, environment: ["PERCOLATOR_SCIM_TOKEN": token, "PERCOLATOR_ADMIN_TOKEN": token])
            }
            #expect(try await store.tenants().isEmpty)
            #expect(try await store.authenticate(plaintext: token, kind: .scim) == nil)
            // Two tokens are fine.
            let admin = BearerToken.generate()
            let outcome = try await FirstStart.run(store: store, environment: ["PERCOLATOR_SCIM_TOKEN": token, "PERCOLATOR_ADMIN_TOKEN": admin])
            let tenant = try #require(try await store.tenant(named: "default"))
            #expect(outcome?.generatedSCIMToken == nil && outcome?.generatedAdminToken == nil)
            #expect(try await store.authenticate(plaintext: token, kind: .scim) == tenant.id)
            #expect(try await store.authenticate(plaintext: admin, kind: .admin) == tenant.id)
        }
    }
}

/// Runs `body` with a new temporary directory, removed afterwards.
private func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}

/// A store whose first answer to `tenants()` is empty, as a second instance sees the
/// database just before the first one's first start commits.
private final class SeesNoTenantYet: AccountStore, @unchecked Sendable {
    let store: SQLiteStore
    private var looked = false
    init(store: SQLiteStore) { self.store = store }

    func tenants() async throws -> [Tenant] {
        if !looked { looked = true; return [] }
        return try await store.tenants()
    }
    func createTenant(name: String) async throws -> Tenant { try await store.createTenant(name: name) }
    func tenant(named name: String) async throws -> Tenant? { try await store.tenant(named: name) }
    func tenant(id: TenantID) async throws -> Tenant? { try await store.tenant(id: id) }
    func issueToken(tenant: TenantID, kind: TokenKind, label: String?) async throws -> IssuedToken {
        try await store.issueToken(tenant: tenant, kind: kind, label: label)
    }
    func tokens(tenant: TenantID) async throws -> [TokenRecord] { try await store.tokens(tenant: tenant) }
    func revokeToken(id: TokenID) async throws -> Bool { try await store.revokeToken(id: id) }
    func authenticate(plaintext: String, kind: TokenKind) async throws -> TenantID? {
        try await store.authenticate(plaintext: plaintext, kind: kind)
    }
    func authenticatedToken(plaintext: String, kind: TokenKind) async throws -> (tenant: TenantID, token: TokenID)? {
        try await store.authenticatedToken(plaintext: plaintext, kind: kind)
    }
    func importToken(tenant: TenantID, kind: TokenKind, plaintext: String, label: String?) async throws -> TokenID? {
        try await store.importToken(tenant: tenant, kind: kind, plaintext: plaintext, label: label)
    }
    func liveTokenKind(plaintext: String) async throws -> TokenKind? { try await store.liveTokenKind(plaintext: plaintext) }
}
