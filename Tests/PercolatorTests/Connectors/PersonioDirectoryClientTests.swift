import Coffee
import Foundation
import Testing
@testable import Percolator

@Suite("Personio employees client — client credentials, limit/offset paging, inactive employees, 429, failures")
struct PersonioDirectoryClientTests {
    static let authRoute = "POST /v1/auth"
    static let employeesRoute = "GET /v1/company/employees"

    static func pages() throws -> [VendorStub.Reply] {
        try [.fixture("personio/employees-page1.json"), .fixture("personio/employees-page2.json"),
             .fixture("personio/employees-page3.json")]
    }

    func client(_ stub: VendorStub, _ sleeper: SleepRecorder) -> PersonioDirectoryClient {
        var client = PersonioDirectoryClient(baseURL: stub.url(), clientID: "papi-client-id", clientSecret: "papi-s3cret",
                                             sleep: sleeper.sleep)
        client.pageSize = 2
        return client
    }

    @Test("a token, then three pages by offset: inactive employees are leavers, named objects and text are fields")
    func threePages() async throws {
        try await VendorStub.with([Self.authRoute: [try .fixture("personio/auth.json")], Self.employeesRoute: try Self.pages()]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.pageCount == 3)
            #expect(listing.people.map(\.sourceID) == ["1", "3", "4", "5", "6"])
            let alexander = listing.people[0]
            #expect(alexander.givenName == "Alexander" && alexander.familyName == "Bergmann")
            #expect(alexander.primaryEmail == "alexander.bergmann@demo.email")
            #expect(alexander.fields["department"] == "Customer Support")
            #expect(alexander.fields["office"] == "Munich")
            #expect(alexander.fields["position"] == "CTO")
            #expect(alexander.fields["dynamic_24407"] == "Dr")
            #expect(alexander.fields["hire_date"] == nil && alexander.fields["fix_salary"] == nil && alexander.fields["cost_centers"] == nil)
            #expect(listing.people[1].givenName == "Bea", "the preferred name")
            #expect(listing.people.map(\.isActive) == [true, true, false, true, true], "only 'inactive' has left; onboarding and leave are employed")
            let available = Set(listing.availableFields.map(\.name))
            #expect(available.isSuperset(of: ["department", "office", "team", "position", "subcompany", "dynamic_24407"]))
            #expect(available.isDisjoint(with: ["first_name", "email", "status", "hire_date", "id", "profile_picture"]))
            #expect(listing.availableFields.first { $0.name == "dynamic_24407" }?.label == "Titel")

            let requests = stub.requests
            #expect(requests.count == 4, "one token for every page")
            let auth = try #require(requests.first)
            #expect(auth.method == "POST" && !auth.target.contains("client_secret"), "credentials in the body, not the URL")
            #expect(auth.body.contains("\"client_secret\":\"papi-s3cret\""))
            let gets = requests.filter { $0.method == "GET" }
            #expect(gets.map(\.target) == ["/v1/company/employees?limit=2&offset=0", "/v1/company/employees?limit=2&offset=2",
                                           "/v1/company/employees?limit=2&offset=4"])
            #expect(gets.allSatisfy { $0.authorization?.hasPrefix("Bearer eyJ0eXAiOiJKV1Qi") == true })
        }
    }

    @Test("an expired token (401) is refreshed once and the page read again")
    func expiredTokenRefreshed() async throws {
        try await VendorStub.with([
            Self.authRoute: [try .fixture("personio/auth.json"), try .fixture("personio/auth-refreshed.json")],
            Self.employeesRoute: [try .fixture("personio/employees-page1.json"), try .fixture("personio/error-unauthorized.json", status: 401),
                                  try .fixture("personio/employees-page2.json"), try .fixture("personio/employees-page3.json")],
        ]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.people.count == 5)
            let gets = stub.requests.filter { $0.method == "GET" }
            #expect(gets.count == 4)
            #expect(gets[2].authorization == "Bearer papi-refreshed-token-0002")
            #expect(gets[3].authorization == "Bearer papi-refreshed-token-0002")
        }
    }

    @Test("a token refused twice is an authorization failure naming Personio's code, not its message")
    func refusedTwice() async throws {
        try await VendorStub.with([
            Self.authRoute: [try .fixture("personio/auth.json"), try .fixture("personio/auth-refreshed.json")],
            Self.employeesRoute: [try .fixture("personio/error-unauthorized.json", status: 401),
                                  try .fixture("personio/error-unauthorized.json", status: 401)],
        ]) { stub in
            await #expect(throws: ConnectorFailure.unauthorized("error code 0")) { try await client(stub, SleepRecorder()).listing() }
        }
    }

    @Test("a 429 with Retry-After is waited out")
    func rateLimited() async throws {
        try await VendorStub.with([
            Self.authRoute: [try .fixture("personio/auth.json")],
            Self.employeesRoute: [try .fixture("personio/employees-page1.json"), .status(429, headers: [("Retry-After", "3")])]
                + [try .fixture("personio/employees-page2.json"), try .fixture("personio/employees-page3.json")],
        ]) { stub in
            let sleeper = SleepRecorder()
            let listing = try await client(stub, sleeper).listing()
            #expect(listing.people.count == 5)
            #expect(sleeper.recorded == [3])
        }
    }

    @Test("a 5xx on page 3 that outlasts the retries fails the listing")
    func serverErrorOnPage3() async throws {
        let replies = try [VendorStub.Reply.fixture("personio/employees-page1.json"), .fixture("personio/employees-page2.json")]
            + [VendorStub.Reply.status(500), .status(500), .status(500), .status(500)]
        try await VendorStub.with([Self.authRoute: [try .fixture("personio/auth.json")], Self.employeesRoute: replies]) { stub in
            await #expect(throws: ConnectorFailure.httpStatus(500)) { try await client(stub, SleepRecorder()).listing() }
        }
    }

    @Test("an employee without an id makes the page malformed")
    func malformed() async throws {
        let replies = try [VendorStub.Reply.fixture("personio/employees-page1.json"), .fixture("personio/employees-malformed.json")]
        try await VendorStub.with([Self.authRoute: [try .fixture("personio/auth.json")], Self.employeesRoute: replies]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail?.contains("attributes.id") == true, "\(String(describing: error))")
        }
    }

    @Test("wrong client credentials: the token request's 401 fails with Personio's code")
    func wrongCredentials() async throws {
        try await VendorStub.with([Self.authRoute: [try .fixture("personio/error-unauthorized.json", status: 401)]]) { stub in
            await #expect(throws: ConnectorFailure.unauthorized("error code 0")) { try await client(stub, SleepRecorder()).probe() }
        }
    }

    @Test("HR fields selected by the admin become categories; a terminated employee is not created")
    func fieldSelection() async throws {
        try await VendorStub.with([Self.authRoute: [try .fixture("personio/auth.json")], Self.employeesRoute: try Self.pages()]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            let mapping = SourceFieldMapping([.init(field: "department", key: .department), .init(field: "office", key: .city)])
            let plan = SyncPlanner.plan(listing, members: [], context: SyncContext(connectionID: ConnectionID("hr"), kind: .hris,
                                                                                    fieldMapping: mapping))
            #expect(plan.creations.map(\.sourceID) == ["1", "3", "5", "6"])
            #expect(plan.creations.first?.template.categoryValues == CategoryValues([.department: ["Customer Support"], .city: ["Munich"]]))
        }
    }
}
