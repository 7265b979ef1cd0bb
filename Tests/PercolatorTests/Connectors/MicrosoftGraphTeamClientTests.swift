import Coffee
import Foundation
import Testing
@testable import Percolator

@Suite("Microsoft Graph team members client — client credentials, @odata.nextLink, guests, throttling")
struct MicrosoftGraphTeamClientTests {
    static let tenant = "aaaabbbb-0000-cccc-1111-dddd2222eeee"
    static let team = "02bd9fd6-8f93-4758-87c3-1fb73740a315"
    static let tokenRoute = "POST /\(tenant)/oauth2/v2.0/token"
    static let membersRoute = "GET /v1.0/groups/{id}/members/microsoft.graph.user"

    func client(_ stub: VendorStub, _ sleeper: SleepRecorder) -> MicrosoftGraphTeamClient {
        let tokens = MicrosoftIdentityTokenProvider(authority: stub.url(), tenantID: Self.tenant, clientID: "00001111-aaaa-2222-bbbb-3333cccc4444",
                                                    clientSecret: "s3cr3t~value", sleep: sleeper.sleep)
        return MicrosoftGraphTeamClient(baseURL: stub.url("/v1.0"), teamID: Self.team, tokens: tokens, sleep: sleeper.sleep)
    }

    @Test("a token from the client-credentials flow, then two pages through @odata.nextLink; guests and disabled accounts marked")
    func multiPage() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [try .fixture("microsoft-graph/members-page1.json"), try .fixture("microsoft-graph/members-page2.json")],
        ]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.pageCount == 2)
            #expect(listing.people.map(\.displayName) == ["Adele Vance", "Alex Wilber", "Megan Bowen", "Guest User"])
            let adele = try #require(listing.people.first)
            #expect(adele.givenName == "Adele" && adele.familyName == "Vance")
            #expect(adele.primaryEmail == "AdeleV@contoso.com")
            #expect(adele.locale == "en-US")
            #expect(adele.fields == ["jobTitle": "Retail Manager", "department": "Retail", "officeLocation": "18/2111"])
            #expect(listing.people[2].isActive == false)
            #expect(listing.people[3].isGuest == true)
            #expect(listing.people[3].primaryEmail == "guest@fabrikam.com")

            let requests = stub.requests
            #expect(requests.count == 3)  // one token, cached for both pages
            let tokenRequest = try #require(requests.first { $0.method == "POST" })
            #expect(tokenRequest.body.contains("grant_type=client_credentials"))
            #expect(tokenRequest.body.contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
            #expect(tokenRequest.body.contains("client_secret=s3cr3t%7Evalue"))  // form-urlencoded: `~` escaped
            let pages = requests.filter { $0.method == "GET" }
            #expect(pages.allSatisfy { $0.authorization?.hasPrefix("Bearer eyJ0eXAiOiJKV1Qi") == true })
            #expect(pages[0].target.contains("$select=id,displayName,givenName,surname,mail,userPrincipalName,userType"))
            #expect(pages[1].target.contains("$skiptoken=RFNwdAIAAQAAABc6"))
        }
    }

    @Test("an expired token (401 InvalidAuthenticationToken) is refreshed once and the page read again")
    func expiredTokenRefreshed() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json"), try .fixture("microsoft-graph/token-refreshed.json")],
            Self.membersRoute: [try .fixture("microsoft-graph/error-InvalidAuthenticationToken.json", status: 401),
                                try .fixture("microsoft-graph/members-page2.json")],
        ]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.people.count == 2)
            let pages = stub.requests.filter { $0.method == "GET" }
            #expect(pages.last?.authorization?.contains("InJlZnJlc2hlZC10b2tlbi") == true)
        }
    }

    @Test("a token refused twice is an authorization failure with Graph's code")
    func refusedTwice() async throws {
        let refused = try VendorStub.Reply.fixture("microsoft-graph/error-InvalidAuthenticationToken.json", status: 401)
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json"), try .fixture("microsoft-graph/token-refreshed.json")],
            Self.membersRoute: [refused, refused],
        ]) { stub in
            await #expect(throws: ConnectorFailure.unauthorized("InvalidAuthenticationToken")) {
                try await client(stub, SleepRecorder()).listing()
            }
        }
    }

    @Test("a wrong client secret is invalid_client, and the AADSTS message (which quotes the app id) is not kept")
    func invalidClient() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token-error-invalid_client.json", status: 401)],
            Self.membersRoute: [],
        ]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error == .unauthorized("invalid_client"))
            #expect(error?.description.contains("AADSTS") == false)
        }
    }

    @Test("throttling (429, then 503) with Retry-After is waited out, then the listing completes")
    func throttled() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [.status(429, headers: [("Retry-After", "2")]), try .fixture("microsoft-graph/members-page1.json"),
                                .status(503, headers: [("Retry-After", "5")]), try .fixture("microsoft-graph/members-page2.json")],
        ]) { stub in
            let sleeper = SleepRecorder()
            let listing = try await client(stub, sleeper).listing()
            #expect(listing.people.count == 4)
            #expect(sleeper.recorded == [2, 5])
        }
    }

    @Test("a 500 on page 2 after every retry fails the whole listing")
    func serverErrorOnSecondPage() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [try .fixture("microsoft-graph/members-page1.json")] + Array(repeating: .status(500), count: 4),
        ]) { stub in
            await #expect(throws: ConnectorFailure.httpStatus(500)) { try await client(stub, SleepRecorder()).listing() }
        }
    }

    @Test("a malformed page fails the listing")
    func malformed() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [try .fixture("microsoft-graph/members-malformed.json")],
        ]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail != nil, "expected malformedResponse, got \(String(describing: error))")
        }
    }

    @Test("a next link to another host is refused: the token never leaves the Graph host")
    func foreignNextLink() async throws {
        let body = #"{"value": [], "@odata.nextLink": "https://elsewhere.example.com/v1.0/groups/x/members?$skiptoken=abc"}"#
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [.status(200, headers: [("Content-Type", "application/json")], body: body)],
        ]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail?.contains("nextLink") == true)
        }
    }

    @Test("Teams: a planned listing leaves the guest out")
    func guestsExcludedInPlan() async throws {
        try await VendorStub.with([
            Self.tokenRoute: [try .fixture("microsoft-graph/token.json")],
            Self.membersRoute: [try .fixture("microsoft-graph/members-page1.json"), try .fixture("microsoft-graph/members-page2.json")],
        ]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            let plan = SyncPlanner.plan(listing, members: [], context: SyncContext(connectionID: ConnectionID("teams-1"), kind: .teams))
            #expect(plan.summary == SyncPlan.Summary(created: 2, skipped: [.guest: 1, .inactiveInSource: 1]))
        }
    }
}
