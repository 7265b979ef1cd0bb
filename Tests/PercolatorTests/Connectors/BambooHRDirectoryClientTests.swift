import Coffee
import Foundation
import Testing
@testable import Percolator

@Suite("BambooHR employee directory client — Basic auth, fields, 503 Retry-After, failures")
struct BambooHRDirectoryClientTests {
    static let route = "GET /api/gateway.php/{company}/v1/employees/directory"

    func client(_ stub: VendorStub, _ sleeper: SleepRecorder) -> BambooHRDirectoryClient {
        BambooHRDirectoryClient(baseURL: stub.url(), companyDomain: "acme", apiKey: "api-key-123", sleep: sleeper.sleep)
    }

    @Test("the documented directory: people with their text fields, the selectable fields, the API key as Basic user")
    func directory() async throws {
        try await VendorStub.with([Self.route: [try .fixture("bamboohr/directory.json")]]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.people.map(\.sourceID) == ["123", "124"])
            let john = listing.people[0], jane = listing.people[1]
            #expect(john.givenName == "John" && john.familyName == "Doe")
            #expect(john.primaryEmail == "jdoe@example.com")
            #expect(john.fields["department"] == "Customer Service")
            #expect(john.fields["division"] == "Sales")
            #expect(john.fields["jobTitle"] == "Customer Service Representative")
            #expect(john.fields["photoUrl"] == nil)
            #expect(jane.givenName == "Janie")  // preferred name
            #expect(jane.fields["workPhone"] == nil)  // null
            #expect(listing.availableFields.map(\.name).contains("department"))
            #expect(!listing.availableFields.map(\.name).contains("firstName"))
            #expect(listing.availableFields.first { $0.name == "location" }?.label == "Location")
            let request = try #require(stub.requests.first)
            #expect(request.target == "/api/gateway.php/acme/v1/employees/directory")
            #expect(request.authorization == "Basic " + Data("api-key-123:x".utf8).base64EncodedString())
        }
    }

    @Test("rate limiting (503 with Retry-After) is waited out")
    func rateLimited() async throws {
        try await VendorStub.with([Self.route: [.status(503, headers: [("Retry-After", "2")]), try .fixture("bamboohr/directory.json")]]) { stub in
            let sleeper = SleepRecorder()
            let listing = try await client(stub, sleeper).listing()
            #expect(listing.people.count == 2)
            #expect(sleeper.recorded == [2])
        }
    }

    @Test("failures: 5xx after retries, 401, a malformed directory", arguments: [
        ("500 every time", [VendorStub.Reply.status(500), .status(500), .status(500), .status(500)], ConnectorFailure.httpStatus(500)),
        ("401", [.status(401)], .unauthorized("HTTP 401")),
        ("404", [.status(404)], .vendorError("the company 'acme' was not found")),
    ])
    func failures(name: String, replies: [VendorStub.Reply], expected: ConnectorFailure) async throws {
        try await VendorStub.with([Self.route: replies]) { stub in
            await #expect(throws: expected, "\(name)") { try await client(stub, SleepRecorder()).listing() }
        }
    }

    @Test("an employee without id is a malformed directory")
    func malformed() async throws {
        try await VendorStub.with([Self.route: [try .fixture("bamboohr/directory-malformed.json")]]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail != nil, "expected malformedResponse, got \(String(describing: error))")
        }
    }

    @Test("HR fields selected by the admin become categories")
    func fieldSelection() async throws {
        try await VendorStub.with([Self.route: [try .fixture("bamboohr/directory.json")]]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            let mapping = SourceFieldMapping([.init(field: "department", key: .department), .init(field: "location", key: .city)])
            let plan = SyncPlanner.plan(listing, members: [], context: SyncContext(connectionID: ConnectionID("hr"), kind: .hris,
                                                                                    fieldMapping: mapping))
            #expect(plan.creations.map { $0.template.categoryValues } == [
                CategoryValues([.department: ["Customer Service"], .city: ["Lindon, Utah"]]),
                CategoryValues([.department: ["Engineering"], .city: ["Lindon, Utah"]]),
            ])
        }
    }
}
