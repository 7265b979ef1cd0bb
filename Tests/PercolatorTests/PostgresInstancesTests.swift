import Dispatch
import Foundation
import SCIM
@testable import Store
import Testing
import TestSupport

/// Two `percolator serve` processes on one PostgreSQL database, as behind a load
/// balancer (issue 11). Runs when PERCOLATOR_TEST_POSTGRES_URL names a server
/// (scripts/test.sh starts one); says so and returns otherwise.
@Suite("PostgreSQL — two server processes on one database")
struct PostgresInstancesTests {
    /// A fresh schema of the test server, as a `--database` URL, dropped afterwards.
    static func withSchema(_ body: (String) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["PERCOLATOR_TEST_POSTGRES_URL"], !url.isEmpty else {
            print("skipping the two-instance PostgreSQL run: PERCOLATOR_TEST_POSTGRES_URL is unset (scripts/test.sh sets it)")
            return
        }
        let schema = "live_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await offPool { try PostgresConnection(url: url).run("CREATE SCHEMA \(schema)") }
        defer { try? PostgresConnection(url: url).run("DROP SCHEMA \(schema) CASCADE") }
        try await body(url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)")
    }

    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    @Test("SCIM writes through either instance: concurrent group PATCHes lose no member, ETags hold across instances")
    func twoInstances() async throws {
        try await Self.withSchema { url in
            let scimToken = BearerToken.generate(), adminToken = BearerToken.generate()
            let environment = ["PERCOLATOR_SCIM_TOKEN": scimToken, "PERCOLATOR_ADMIN_TOKEN": adminToken]
            let first = ServerProcess(arguments: ["--database", url, "--access-log", "off"], environment: environment)
            try await first.start()
            let second = ServerProcess(arguments: ["--database", url, "--access-log", "off"], environment: environment)
            try await second.start()
            let a = try SCIMTestClient(port: first.port, token: scimToken)
            let b = try SCIMTestClient(port: second.port, token: scimToken)

            var users: [String] = []
            for index in 0..<12 {
                users.append(try await (index.isMultiple(of: 2) ? a : b).createUser("user\(index)@example.com"))
            }
            let group = try await a.createGroup("Everyone")
            // Each instance adds half the members, one PATCH each, at the same time.
            try await withThrowingTaskGroup(of: Int.self) { tasks in
                for (index, user) in users.enumerated() {
                    tasks.addTask {
                        let client = try SCIMTestClient(port: index.isMultiple(of: 2) ? first.port : second.port, token: scimToken)
                        return try await client.patch("/scim/v2/Groups/\(group)?excludedAttributes=members", SCIMBodies.patch([
                            ["op": "add", "path": "members", "value": [["value": .string(user)]]],
                        ])).status
                    }
                }
                for try await status in tasks { #expect(status == 200 || status == 204) }
            }
            let read = try await b.get("/scim/v2/Groups/\(group)")
            let members = Set(read[attribute: "members"]?.arrayValue?.compactMap { $0[attribute: "value"]?.stringValue } ?? [])
            #expect(members == Set(users), "no member lost across instances")

            // An ETag read on one instance is checked by the other.
            let user = try await a.get("/scim/v2/Users/\(users[0])")
            let etag = try #require(user.headers["etag"])
            let changed = try await b.patch("/scim/v2/Users/\(users[0])", SCIMBodies.patch([["op": "replace", "path": "displayName", "value": "Ada"]]),
                                            headers: [("If-Match", etag)])
            #expect(changed.status == 200, "\(changed.text)")
            let stale = try await a.patch("/scim/v2/Users/\(users[0])", SCIMBodies.patch([["op": "replace", "path": "displayName", "value": "Bo"]]),
                                          headers: [("If-Match", etag)])
            #expect(stale.status == 412, "a stale ETag from the other instance is refused")

            // The members the SCIM writes made, seen through the other instance's admin API.
            let admin = try SCIMTestClient(port: second.port, token: adminToken)
            #expect(try await admin.members().count == users.count)
            let stoppedFirst = await first.stop(), stoppedSecond = await second.stop()
            #expect(stoppedFirst == 0 && stoppedSecond == 0)
        }
    }
}
