import Foundation
import HTTP
@testable import Percolator
import Synchronization

/// A vendor API on 127.0.0.1 for the connector tests: each route answers from a script
/// of replies, in order, and records every request; a request beyond the script gets a
/// 599 the clients never retry into success, so an unexpected request fails its test.
final class VendorStub: Sendable {
    /// One scripted answer.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        /// A fixture's body; the stub replaces `{{base}}` by its base URL when serving it.
        static func fixture(_ name: String, status: Int = 200, headers: [(String, String)] = []) throws -> Reply {
            let text = try String(contentsOf: ConnectorFixtures.url(name), encoding: .utf8)
            return Reply(status: status, headers: [("Content-Type", "application/json")] + headers,
                         body: Array(text.utf8))
        }

        static func status(_ status: Int, headers: [(String, String)] = [], body: String = "") -> Reply {
            Reply(status: status, headers: headers, body: Array(body.utf8))
        }
    }

    /// What a client sent.
    struct Recorded: Sendable {
        var method: String
        var target: String
        var authorization: String?
        var body: String
    }

    /// The scripts and the record, shared with the route handlers.
    private final class State: Sendable {
        let scripts: Mutex<[String: [Reply]]>
        let recorded = Mutex<[Recorded]>([])
        let base = Mutex("")
        init(_ scripts: [String: [Reply]]) { self.scripts = Mutex(scripts) }
    }

    private let state: State
    private let server: HTTPServer
    let port: UInt16

    /// Starts a stub answering `routes` (`"GET /api/users.list"`), each from its script.
    init(_ routes: [String: [Reply]]) throws {
        let state = State(routes)
        var router = Router()
        for key in routes.keys {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let method: HTTPMethod = parts[0] == "POST" ? .post : .get
            router.add(method, parts[1], .inline { request in
                state.recorded.withLock {
                    $0.append(Recorded(method: parts[0], target: request.head.target, authorization: request.headers["authorization"],
                                       body: String(decoding: request.body, as: UTF8.self)))
                }
                let reply = state.scripts.withLock { scripts -> Reply? in
                    guard var queue = scripts[key], !queue.isEmpty else { return nil }
                    let first = queue.removeFirst()
                    scripts[key] = queue
                    return first
                }
                guard let reply else { return .text(599, "unexpected request") }
                let base = state.base.withLock { $0 }
                let body = String(decoding: reply.body, as: UTF8.self).replacingOccurrences(of: "{{base}}", with: base)
                return HTTPResponse(status: reply.status, headers: HTTPFields(reply.headers), body: Array(body.utf8))
            })
        }
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoopCount = 1
        server = HTTPServer(configuration: configuration, router: router)
        port = try server.start()
        let base = "http://127.0.0.1:\(port)"
        state.base.withLock { $0 = base }
        self.state = state
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    func url(_ path: String = "") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    /// Every request received, in order.
    var requests: [Recorded] { state.recorded.withLock { $0 } }

    /// Replies not consumed, per route (a test that expected them all to be used
    /// checks this is empty).
    var unusedReplies: [String: Int] {
        state.scripts.withLock { $0.filter { !$0.value.isEmpty }.mapValues(\.count) }
    }

    func shutdown() async { await server.shutdown() }

    /// Runs `body` against a started stub and shuts it down afterwards.
    static func with(_ routes: [String: [Reply]], _ body: (VendorStub) async throws -> Void) async throws {
        let stub = try VendorStub(routes)
        do {
            try await body(stub)
        } catch {
            await stub.shutdown()
            throw error
        }
        await stub.shutdown()
    }
}

/// The connector fixtures under `fixtures/connectors/`.
enum ConnectorFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Connectors
        .deletingLastPathComponent()  // PercolatorTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appendingPathComponent("fixtures/connectors", isDirectory: true)

    static func url(_ name: String) -> URL { root.appendingPathComponent(name) }
}

/// Records the waits a client asked for instead of sleeping.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    var recorded: [Double] { delays.withLock { $0 } }
    func record(_ seconds: Double) { delays.withLock { $0.append(seconds) } }
    var sleep: @Sendable (TimeInterval) async -> Void {
        { [self] seconds in record(seconds) }
    }
}

extension ConnectorFailure {
    /// The detail of a `malformedResponse`, nil for any other failure.
    var malformedDetail: String? {
        if case .malformedResponse(let detail) = self { detail } else { nil }
    }
}
