import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// The org-chart and time-zone rules through the admin API (issue 16, build item 1): the
/// SCIM enterprise `manager` and core `timezone` of provisioned users drive them.
@Suite("Org-chart and time-zone rules end to end")
struct OrgChartProgramTests {
    static let enterprise = ProvisioningTransitionTests.enterprise
    static let future = JSONValue.string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))

    static func user(_ scim: SCIMTestClient, _ name: String, manager: String? = nil, timezone: String) async throws -> String {
        var extra: [(String, JSONValue)] = [("timezone", .string(timezone))]
        if let manager {
            extra.append(("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]))
            extra.append((enterprise, ["manager": ["value": .string(manager)]]))
        }
        return try await scim.createUser("\(name)@example.com", extra: extra)
    }

    @Test("no manager with a report, nor two reports of one manager, and offsets within the tolerance, for every seed")
    func rulesHold() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            // Two managers in Paris, each with two reports; two more people in New York.
            let boss1 = try await Self.user(scim, "boss1", timezone: "Europe/Paris")
            let boss2 = try await Self.user(scim, "boss2", timezone: "Europe/Berlin")
            var manager: [String: String] = [:]
            for (name, boss) in [("r1", boss1), ("r2", boss1), ("r3", boss2), ("r4", boss2)] {
                manager[try await Self.user(scim, name, manager: boss, timezone: "Europe/London")] = boss
            }
            let far = [try await Self.user(scim, "ny1", timezone: "America/New_York"),
                       try await Self.user(scim, "ny2", timezone: "America/New_York")]
            let created = try await admin.post("/api/v1/programs", [
                "name": "Org chart", "schedule": ["type": "once", "at": Self.future],
                "rules": [["type": "notWithManager", "includePeers": true],
                          ["type": "sameValue", "category": "timezone", "toleranceHours": 2]],
            ])
            #expect(created.status == 201, "\(created.text)")
            #expect(created[attribute: "rules"] == [["type": "notWithManager", "includePeers": true],
                                                    ["type": "sameValue", "category": "timezone", "toleranceHours": 2]])
            let id = try #require(created[attribute: "id"]?.stringValue)
            let session = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": Self.future])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            for seed in 0..<10 {
                let preview = try await admin.post("/api/v1/sessions/\(sessionID)/preview?seed=\(seed)", [:])
                #expect(preview.status == 200, "\(preview.text)")
                let groups = ProgramSessionTests.groupedMembers(preview.json)
                #expect(groups.flatMap { $0 }.count == 8, "everyone placed: \(preview.text)")
                for group in groups {
                    for a in group {
                        for b in group where a != b {
                            #expect(manager[a] != b, "seed \(seed): \(a) with their manager")
                            #expect(manager[a] == nil || manager[a] != manager[b], "seed \(seed): two reports of one manager")
                        }
                    }
                    // New York is 5 or 6 hours from Europe: never with a European.
                    let inNewYork = group.filter(far.contains).count
                    #expect(inNewYork == 0 || inNewYork == group.count, "seed \(seed): \(group)")
                }
            }
        }
    }

    @Test("rule inputs: toleranceHours and includePeers are checked")
    func invalidInputs() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let once: JSONValue = ["type": "once", "at": Self.future]
            for rule: JSONValue in [
                ["type": "sameValue", "category": "timezone", "toleranceHours": 30],
                ["type": "differentValue", "category": "timezone", "toleranceHours": -1],
                ["type": "sameValue", "category": "timezone", "toleranceHours": "2"],
                ["type": "notWithManager", "includePeers": "yes"],
                ["type": "sameValue", "category": "department", "toleranceHours": 27],
                ["type": "differentValue", "category": "department", "toleranceHours": 2],
            ] {
                let response = try await admin.post("/api/v1/programs", ["name": "x", "schedule": once, "rules": [rule]])
                #expect(response.status == 400, "\(rule): \(response.text)")
            }
            let created = try await admin.post("/api/v1/programs", ["name": "Remote", "schedule": once,
                "rules": [["type": "differentValue", "category": "TimeZone", "toleranceHours": 3]]])
            #expect(created.status == 201, "\(created.text)")
            #expect(created[attribute: "rules"] == [["type": "differentValue", "category": "timezone", "weight": 10, "toleranceHours": 3]])
        }
    }
}
