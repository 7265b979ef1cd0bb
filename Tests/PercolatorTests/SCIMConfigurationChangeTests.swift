import SCIM
import Testing
import TestSupport
@testable import Percolator

/// A SCIM write validates against the tenant's configuration (undeclared-attributes setting,
/// declared extensions) as the service last read it, and checks it again first in its own
/// transaction (issues 10 and 11: one transaction per write). A change made since — here
/// through the admin API, after a write that kept the old configuration — applies to the
/// very next write, whether the old configuration would have accepted the request (the
/// check in the transaction catches it) or refused it before the store (read again).
@Suite("SCIM writes see a configuration change at once: the kept configuration is checked in the write's transaction")
struct SCIMConfigurationChangeTests {
    static let custom = SCIMDeclaredExtensionsTests.urn

    /// One step: a change through the admin API, then a SCIM write and its expected status.
    struct Step: Sendable, CustomTestStringConvertible {
        let label: String
        let change: (path: String, body: JSONValue, method: String)
        let write: @Sendable (SCIMTestClient, String) async throws -> SCIMTestClient.Response
        let status: Int
        var testDescription: String { label }
    }

    static let steps: [Step] = [
        Step(label: "store → reject: an undeclared extension the kept `store` accepted is refused",
             change: ("/api/v1/settings", ["undeclaredAttributes": "reject"], "PATCH"),
             write: { client, _ in
                 try await client.post("/scim/v2/Users", SCIMBodies.user("refused@example.com", extra: [(SCIMDeclaredExtensionsTests.urn, ["costCenterCode": "CC-1"])]))
             },
             status: 400),
        Step(label: "declared under reject: its attribute, which the kept configuration refused, is stored and returned",
             change: ("/api/v1/schemas", SCIMDeclaredExtensionsTests.declaration, "POST"),
             write: { client, _ in
                 try await client.post("/scim/v2/Users", SCIMDeclaredExtensionsTests.user("declared@example.com", ["costCenterCode": "CC-2"]))
             },
             status: 201),
        Step(label: "removed under reject: a PATCH of its attribute, which the kept declaration allowed, is refused",
             change: ("/api/v1/schemas/\(SCIMDeclaredExtensionsTests.urn)", .null, "DELETE"),
             write: { client, id in
                 try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                     ["op": "replace", "path": .string("\(SCIMDeclaredExtensionsTests.urn):costCenterCode"), "value": "CC-3"],
                 ]))
             },
             status: 400),
        Step(label: "reject → store: a PATCH adding an undeclared extension, which the kept `reject` refused, is applied",
             change: ("/api/v1/settings", ["undeclaredAttributes": "store"], "PATCH"),
             write: { client, id in
                 try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                     ["op": "add", "path": .string("\(SCIMDeclaredExtensionsTests.urn):costCenterCode"), "value": "CC-4"],
                 ]))
             },
             status: 200),
    ]

    @Test("each change applies to the next write, after a write that kept the configuration before it")
    func changes() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            let id = try await client.createUser("kept@example.com")
            for (index, step) in Self.steps.enumerated() {
                // A write that keeps the configuration in force before the change.
                let warm = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                    ["op": "replace", "path": "displayName", "value": .string("Kept \(index)")],
                ]))
                #expect(warm.status == 200, "\(step.label): \(warm.text)")
                let changed: SCIMTestClient.Response
                switch step.change.method {
                case "POST": changed = try await admin.post(step.change.path, step.change.body)
                case "DELETE": changed = try await admin.delete(step.change.path)
                default: changed = try await admin.patch(step.change.path, step.change.body)
                }
                #expect((200..<300).contains(changed.status), "\(step.label): \(changed.text)")
                let written = try await step.write(client, id)
                #expect(written.status == step.status, "\(step.label): \(written.text)")
            }
            let user = try await client.get("/scim/v2/Users/\(id)")
            #expect(user[attribute: Self.custom] == ["costCenterCode": "CC-4"], "\(user.text)")
            let refused = try await client.get("/scim/v2/Users?filter=userName%20eq%20%22refused@example.com%22")
            #expect(refused[attribute: "totalResults"] == 0, "the refused create stored nothing")
        }
    }
}
