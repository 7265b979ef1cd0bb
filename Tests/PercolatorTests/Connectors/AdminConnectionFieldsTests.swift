import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `/api/v1/connections` over loopback on the real server, against Personio's stub: the
/// admin lists the source's fields, maps two to categories, runs, and reads the run.
@Suite("Admin API — connection fields (GET /api/v1/connections/{id}/fields) and a Personio run")
struct AdminConnectionFieldsTests {
    @Test("on a server whose connector-loopback is off (the default), a connection to loopback or the internal network is 400, nothing stored")
    func loopbackRefused() async throws {
        try await LiveServer.with({ $0.connectorLoopback = false }) { live in
            let admin = try live.client(token: live.adminToken)
            for url in ["http://127.0.0.1:9/api", "https://localhost/api", "https://2130706433/api", "https://169.254.169.254/latest"] {
                let created = try await admin.post("/api/v1/connections", [
                    "kind": "hris", "hrisSystem": "personio", "name": "Personio", "clientID": "papi-client-id",
                    "secret": "papi-s3cret-WXYZ", "baseURL": .string(url),
                ])
                #expect(created.status == 400, "\(url): \(String(describing: created.json))")
                #expect(created[attribute: "detail"]?.stringValue?.contains("loopback addresses are refused") == true)
            }
            let listed = try await admin.get("/api/v1/connections")
            #expect(listed.status == 200 && listed[attribute: "items"]?.arrayValue?.isEmpty == true, "\(String(describing: listed.json))")
        }
    }

    @Test("the fields the source offers, with the category each fills; the mapping then fills those categories")
    func fieldsThenRun() async throws {
        let employees = try [VendorStub.Reply.fixture("personio/employees-page1.json"),  // the field listing
                             .fixture("personio/employees-page1.json"), .fixture("personio/employees-page2.json"),
                             .fixture("personio/employees-page3.json")]
        try await VendorStub.with([PersonioDirectoryClientTests.authRoute: [try .fixture("personio/auth.json"), try .fixture("personio/auth.json")],
                                   PersonioDirectoryClientTests.employeesRoute: employees]) { stub in
            try await LiveServer.with { live in
                let admin = try live.client(token: live.adminToken)
                let created = try await admin.post("/api/v1/connections", [
                    "kind": "hris", "hrisSystem": "personio", "name": "Personio", "clientID": "papi-client-id",
                    "secret": "papi-s3cret-WXYZ", "baseURL": .string(stub.url().absoluteString),
                ])
                #expect(created.status == 201, "\(String(describing: created.json))")
                #expect(created[attribute: "hrisSystem"] == "personio" && created[attribute: "credentialHint"] == "…WXYZ")
                let id = try #require(created[attribute: "id"]?.stringValue)

                let fields = try await admin.get("/api/v1/connections/\(id)/fields")
                #expect(fields.status == 200, "\(String(describing: fields.json))")
                let items = fields[attribute: "items"]?.arrayValue ?? []
                let names = items.compactMap { $0[attribute: "field"]?.stringValue }
                #expect(names.contains("department") && names.contains("office") && !names.contains("email"))
                #expect(items.first { $0[attribute: "field"] == "dynamic_24407" }?[attribute: "label"] == "Titel")
                #expect(items.allSatisfy { $0[attribute: "category"] == nil }, "nothing mapped yet")

                let changed = try await admin.put("/api/v1/connections/\(id)", [
                    "kind": "hris", "hrisSystem": "personio", "name": "Personio", "clientID": "papi-client-id",
                    "baseURL": .string(stub.url().absoluteString),
                    "fields": [["field": "department", "category": "department"], ["field": "office", "category": "city"]],
                ])
                #expect(changed.status == 200, "\(String(describing: changed.json))")

                let run = try await admin.post("/api/v1/connections/\(id)/run", [:])
                #expect(run.status == 200 && run[attribute: "outcome"] == "succeeded", "\(String(describing: run.json))")
                #expect(run[attribute: "counts"]?[attribute: "created"] == 4)
                let members = try await admin.get("/api/v1/members?limit=10")
                let alexander = members[attribute: "items"]?.arrayValue?.first { $0[attribute: "userName"] == "alexander.bergmann@demo.email" }
                #expect(alexander?[attribute: "categories"]?[attribute: "department"] == ["Customer Support"],
                        "\(String(describing: alexander))")
                #expect(alexander?[attribute: "categories"]?[attribute: "city"] == ["Munich"])
                #expect(try await admin.get("/api/v1/connections/unknown/fields").status == 404)
            }
        }
    }
}
