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

    /// Two `percolator serve` processes on a fresh schema, with the tenant's SCIM and admin
    /// tokens; both must stop cleanly afterwards.
    static func withInstances(_ body: (ServerProcess, ServerProcess, _ scimToken: String, _ adminToken: String) async throws -> Void) async throws {
        try await withSchema { url in
            let scimToken = BearerToken.generate(), adminToken = BearerToken.generate()
            let environment = ["PERCOLATOR_SCIM_TOKEN": scimToken, "PERCOLATOR_ADMIN_TOKEN": adminToken]
            let first = ServerProcess(arguments: ["--database", url, "--access-log", "off"], environment: environment)
            try await first.start()
            let second = ServerProcess(arguments: ["--database", url, "--access-log", "off"], environment: environment)
            try await second.start()
            try await body(first, second, scimToken, adminToken)
            let stoppedFirst = await first.stop(), stoppedSecond = await second.stop()
            #expect(stoppedFirst == 0 && stoppedSecond == 0)
        }
    }

    @Test("SCIM writes through either instance: concurrent group PATCHes lose no member, ETags hold across instances")
    func twoInstances() async throws {
        try await Self.withInstances { first, second, scimToken, adminToken in
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
        }
    }

    @Test("a tenant's SCIM configuration changed through one instance applies to the next write through the other, which kept the old one")
    func configurationAcrossInstances() async throws {
        try await Self.withInstances { first, second, scimToken, adminToken in
            let a = try SCIMTestClient(port: first.port, token: scimToken)
            let adminB = try SCIMTestClient(port: second.port, token: adminToken)
            let urn = SCIMDeclaredExtensionsTests.urn
            // Instance A writes under `store` (the default), and keeps it.
            let id = try await a.createUser("kept@example.com", extra: [(urn, ["costCenterCode": "CC-1"])])
            // B switches the tenant to `reject`: A's next write with an undeclared extension is refused.
            #expect(try await adminB.patch("/api/v1/settings", ["undeclaredAttributes": "reject"]).status == 200)
            let refused = try await a.post("/scim/v2/Users", SCIMBodies.user("refused@example.com", extra: [(urn, ["costCenterCode": "CC-2"])]))
            #expect(refused.status == 400, "\(refused.text)")
            // B declares the extension: A, which kept `reject` without it, stores and returns its attribute.
            #expect(try await adminB.post("/api/v1/schemas", SCIMDeclaredExtensionsTests.declaration).status == 201)
            let declared = try await a.post("/scim/v2/Users", SCIMDeclaredExtensionsTests.user("declared@example.com", ["costCenterCode": "CC-3"]))
            #expect(declared.status == 201, "\(declared.text)")
            #expect(declared[attribute: urn] == ["costCenterCode": "CC-3"], "\(declared.text)")
            // B removes it again: A's PATCH into it, which the kept declaration allowed, is refused.
            #expect(try await adminB.delete("/api/v1/schemas/\(urn)").status == 204)
            let patched = try await a.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(urn):costCenterCode"), "value": "CC-4"],
            ]))
            #expect(patched.status == 400, "\(patched.text)")
            #expect(try await a.get("/scim/v2/Users?filter=userName%20eq%20%22refused@example.com%22")[attribute: "totalResults"] == 0)
        }
    }
}
