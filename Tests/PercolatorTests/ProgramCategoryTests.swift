import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// Rules and audiences of programs name existing categories, by key or label, resolved
/// the same way (issue 16, defect 3): `departement` used to be accepted (201) and do
/// nothing; the label `Team` was accepted with `applicablePairs: 0`.
@Suite("Program categories end to end")
struct ProgramCategoryTests {
    static let future = JSONValue.string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))

    @Test("unknown categories in rules and audiences: 400 naming the known keys, nothing created")
    func unknownCategories() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let once: JSONValue = ["type": "once", "at": Self.future]
            for body: JSONValue in [
                ["name": "x", "schedule": once, "rules": [["type": "differentValue", "category": "departement"]]],
                ["name": "x", "schedule": once, "rules": [["type": "sameValue", "category": "Team"]]],
                ["name": "x", "schedule": once, "rules": [["type": "denyPair", "categoryA": "department", "valueA": "HR",
                                                          "categoryB": "floor", "valueB": "2"]]],
                ["name": "x", "schedule": once, "audience": ["type": "categories", "expression": "Departement = Sales"]],
            ] {
                let response = try await admin.post("/api/v1/programs", body)
                #expect(response.status == 400, "\(body): \(response.status) \(response.text)")
                let detail = response[attribute: "detail"]?.stringValue ?? ""
                #expect(detail.contains("unknown category"), "\(detail)")
                for key in ["department", "jobTitle", "city"] { #expect(detail.contains(key), "\(detail)") }
            }
            #expect(try await admin.get("/api/v1/programs").json?[attribute: "items"] == [])
            // A PATCH is checked the same way.
            let created = try await admin.post("/api/v1/programs", ["name": "Ok", "schedule": once])
            let id = try #require(created[attribute: "id"]?.stringValue)
            let patched = try await admin.patch("/api/v1/programs/\(id)", ["rules": [["type": "differentValue", "category": "Site"]]])
            #expect(patched.status == 400, "\(patched.text)")
            #expect(try await admin.get("/api/v1/programs/\(id)")[attribute: "rules"] == [])
        }
    }

    @Test("a rule on a label applies like one on the key: stored as the key, pairs applicable")
    func labelsResolve() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            _ = try await ProgramSessionTests.provision(scim, 6, prefix: "lab")
            let created = try await admin.post("/api/v1/programs", [
                "name": "Labels", "schedule": ["type": "once", "at": Self.future],
                "rules": [["type": "differentValue", "category": "Department"]],
                "audience": ["type": "categories", "expression": "Department in (Sales, Tech, Legal)"],
            ])
            #expect(created.status == 201, "\(created.text)")
            #expect(created[attribute: "rules"]?.arrayValue?.first?[attribute: "category"] == "department")
            #expect(created[attribute: "audience"]?[attribute: "expression"] == "department in (Sales, Tech, Legal)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            let session = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": Self.future])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            let preview = try await admin.post("/api/v1/sessions/\(sessionID)/preview", [:])
            let rate = preview[attribute: "statistics"]?[attribute: "ruleSatisfaction"]?.arrayValue?.first
            #expect(rate?[attribute: "applicablePairs"] == 3, "\(preview.text)")
            #expect(rate?[attribute: "satisfiedPairs"] == 3, "\(preview.text)")
        }
    }
}
