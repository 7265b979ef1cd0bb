import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// A Personio connection through the service: paging, a departure, a failed run.
extension ConnectionServiceTests {
    static let personioAuth = "POST /v1/auth"
    static let personioEmployees = "GET /v1/company/employees"

    static func personio(_ stub: VendorStub) -> ConnectionService.Input {
        var settings = ConnectionSettings()
        settings.baseURL = stub.url().absoluteString
        settings.hrisSystem = "personio"
        settings.clientID = "papi-client-id"
        settings.fields = [["department", "department"]]
        settings.intervalHours = 24
        return ConnectionService.Input(kind: .hris, name: "Personio", settings: settings, secret: "papi-s3cret")
    }

    @Test("Personio: employees created with their department; a 5xx on page 3 changes nothing; a termination deactivates")
    func personioRuns() async throws {
        try await ServiceFixture.with { fixture in
            let page1 = try VendorStub.Reply.fixture("personio/employees-page1.json")
            let page2 = try VendorStub.Reply.fixture("personio/employees-page2.json")
            let employees = [page1, page2, try .fixture("personio/employees-page3.json"),
                             page1, page2, .status(503), .status(503), .status(503), .status(503),
                             page1, page2, try .fixture("personio/employees-page3-terminated.json")]
            let auth = try [VendorStub.Reply.fixture("personio/auth.json"), .fixture("personio/auth.json"), .fixture("personio/auth.json")]
            try await VendorStub.with([Self.personioAuth: auth, Self.personioEmployees: employees]) { stub in
                var connections = try Self.service(fixture)
                connections.clientConfiguration.initialBackoff = 0.01  // the 503 retries, quickly
                let connection = try await connections.create(Self.personio(stub), tenant: Self.t1, at: Self.now)
                let first = try await connections.run(connection.id, tenant: Self.t1, at: Self.now)
                #expect(first.outcome == .succeeded, "\(first.error ?? "")")
                func state() async throws -> [String: (active: Bool, department: [String])] {
                    try await fixture.persistence.read { db in
                        Dictionary(uniqueKeysWithValues: try db.members.liveMembers(tenant: Self.t1).map {
                            ($0.userName, (active: $0.idpActive, department: $0.categoryValues[.department]))
                        })
                    }
                }
                let created = try await state()
                #expect(created.keys.sorted() == ["alexander.bergmann@demo.email", "beatrix.sommer@demo.email", "dora.weiss@demo.email",
                                                  "emil.fischer@demo.email"], "Carl is inactive: not created")
                #expect(created["alexander.bergmann@demo.email"]?.department == ["Customer Support"])

                let failed = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
                #expect(failed.outcome == .failed && failed.error?.contains("503") == true, "\(failed.error ?? "")")
                #expect(try await state().mapValues(\.active) == created.mapValues(\.active), "nothing changed")

                let third = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(120))
                #expect(third.outcome == .succeeded && third.summary.contains("\"deactivated\":1"), "\(third.summary)")
                #expect(try await state()["emil.fischer@demo.email"]?.active == false, "the terminated employee is deactivated")
            }
        }
    }
}
