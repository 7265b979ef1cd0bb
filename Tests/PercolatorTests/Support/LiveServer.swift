import Foundation
import Store
import TestSupport
@testable import Percolator

/// A real Percolator server on 127.0.0.1:0 over a temporary database, with a default
/// tenant and a known SCIM token, for end-to-end tests.
final class LiveServer: Sendable {
    let server: PercolatorServer
    let store: SQLiteStore
    let directory: URL
    let port: UInt16
    let scimToken: String
    let adminToken: String

    private init(server: PercolatorServer, store: SQLiteStore, directory: URL, port: UInt16, scimToken: String, adminToken: String) {
        self.server = server
        self.store = store
        self.directory = directory
        self.port = port
        self.scimToken = scimToken
        self.adminToken = adminToken
    }

    static func start(_ change: (inout PercolatorConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try await start(in: directory, change)
    }

    /// A server over the database in `directory`, which may hold one from an earlier
    /// server (a restart): then the tokens of that first start keep working.
    static func start(in directory: URL, _ change: (inout PercolatorConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        var configuration = PercolatorConfiguration()
        configuration.server.port = 0
        configuration.server.eventLoopCount = 1
        configuration.accessLog = false
        configuration.connectorLoopback = true  // the vendor stubs listen on loopback
        configuration.databasePath = directory.appendingPathComponent("percolator.sqlite").path
        change(&configuration)
        let store = try await SQLiteStore.open(path: configuration.databasePath)
        let scimToken = BearerToken.generate(), adminToken = BearerToken.generate()
        _ = try await FirstStart.run(store: store, environment: ["PERCOLATOR_SCIM_TOKEN": scimToken, "PERCOLATOR_ADMIN_TOKEN": adminToken])
        let server = PercolatorServer(configuration: configuration, store: store)
        let port = try server.start()
        return LiveServer(server: server, store: store, directory: directory, port: port, scimToken: scimToken, adminToken: adminToken)
    }

    /// Runs `body` against a fresh server and stops it afterwards.
    static func with(_ change: (inout PercolatorConfiguration) -> Void = { _ in },
                     _ body: (LiveServer) async throws -> Void) async throws {
        let live = try await start(change)
        do { try await body(live) } catch {
            await live.stop()
            throw error
        }
        await live.stop()
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the server and keeps its database, for a restart with ``start(in:_:)``.
    func stopKeepingData() async {
        await server.shutdown()
    }

    /// A client that sends this server's SCIM token unless told otherwise.
    func client(token: String? = nil) throws -> SCIMTestClient {
        try SCIMTestClient(port: port, token: token ?? scimToken)
    }
}
