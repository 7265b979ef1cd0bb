import Coffee
import Foundation
import Testing
@testable import Percolator

@Suite("Slack users.list client — cursor pagination, guests, bots, 429, failures never partial")
struct SlackDirectoryClientTests {
    static let route = "GET /api/users.list"

    func client(_ stub: VendorStub, _ sleeper: SleepRecorder) -> SlackDirectoryClient {
        SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-test-token", sleep: sleeper.sleep)
    }

    @Test("three pages follow next_cursor to the end; bots and Slackbot are left out, guests and deleted users marked")
    func multiPage() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-page2.json"),
                           .fixture("slack/users.list-page3.json")]
        try await VendorStub.with([Self.route: replies]) { stub in
            let sleeper = SleepRecorder()
            let listing = try await client(stub, sleeper).listing()
            #expect(listing.pageCount == 3)
            #expect(listing.people.map(\.sourceID) == ["W012A3CDE", "W07QCRPA4", "W0GUEST01", "W0GUEST02", "W0DELETED", "W0RAY0001"])
            let byID = Dictionary(uniqueKeysWithValues: listing.people.map { ($0.sourceID, $0) })
            #expect(byID["W07QCRPA4"]?.givenName == "Glinda")
            #expect(byID["W07QCRPA4"]?.fields == ["title": "Glinda the Good"])
            #expect(byID["W07QCRPA4"]?.primaryEmail == "glenda@south.oz.coven")
            #expect(byID["W012A3CDE"]?.displayName == "Egon Spengler")
            #expect(byID["W012A3CDE"]?.timeZoneIdentifier == "America/Los_Angeles")
            #expect(byID["W0GUEST01"]?.isGuest == true && byID["W0GUEST02"]?.isGuest == true)
            #expect(byID["W0DELETED"]?.isActive == false)
            #expect(byID["W0RAY0001"]?.locale == "en-US")

            let requests = stub.requests
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.authorization == "Bearer xoxb-test-token" })
            #expect(requests.allSatisfy { $0.target.contains("limit=200") })
            #expect(!requests[0].target.contains("cursor="))
            #expect(requests[1].target.contains("cursor=dXNlcjpVMEc5V0ZYTlo"))
            #expect(requests[2].target.contains("cursor=dXNlcjpVMDYxTkZUVDI"))
            #expect(sleeper.recorded.isEmpty)
        }
    }

    @Test("a 429 with Retry-After is waited out as asked, then the page is read")
    func rateLimitedThenSuccess() async throws {
        let replies = try [VendorStub.Reply.status(429, headers: [("Retry-After", "3")]), .fixture("slack/users.list-page3.json")]
        try await VendorStub.with([Self.route: replies]) { stub in
            let sleeper = SleepRecorder()
            let listing = try await client(stub, sleeper).listing()
            #expect(listing.people.count == 2)
            #expect(sleeper.recorded == [3])
        }
    }

    @Test("a Retry-After longer than the longest wait fails the run instead of holding it")
    func retryAfterTooLong() async throws {
        try await VendorStub.with([Self.route: [.status(429, headers: [("Retry-After", "3600")])]]) { stub in
            let sleeper = SleepRecorder()
            await #expect(throws: ConnectorFailure.rateLimited(retryAfter: 3600)) { try await client(stub, sleeper).listing() }
            #expect(sleeper.recorded.isEmpty)
        }
    }

    @Test("a 500 half-way, on every retry, fails the whole listing: no partial listing")
    func serverErrorHalfWay() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json")] + Array(repeating: .status(500), count: 4)
        try await VendorStub.with([Self.route: replies]) { stub in
            let sleeper = SleepRecorder()
            await #expect(throws: ConnectorFailure.httpStatus(500)) { try await client(stub, sleeper).listing() }
            #expect(stub.requests.count == 5)  // page 1, then page 2 four times
            #expect(sleeper.recorded == [1, 2, 4])  // backoff without Retry-After
            #expect(stub.unusedReplies.isEmpty)
        }
    }

    @Test("a 500 that clears on retry costs nothing")
    func serverErrorRecovered() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json"), .status(502),
                           .fixture("slack/users.list-page3.json")]
        try await VendorStub.with([Self.route: replies]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            #expect(listing.people.count == 4)
            #expect(listing.pageCount == 2)
        }
    }

    @Test("a malformed page fails the listing and says which page")
    func malformedPage() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-malformed.json")]
        try await VendorStub.with([Self.route: replies]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail?.hasPrefix("page 2 ") == true)
        }
    }

    @Test("a body that is not JSON fails the listing")
    func notJSON() async throws {
        try await VendorStub.with([Self.route: [.status(200, headers: [("Content-Type", "text/html")], body: "<html>maintenance</html>")]]) { stub in
            let error = await #expect(throws: ConnectorFailure.self) { try await client(stub, SleepRecorder()).listing() }
            #expect(error?.malformedDetail != nil, "expected malformedResponse, got \(String(describing: error))")
        }
    }

    @Test("ok: false with invalid_auth is an authorization failure naming Slack's code, and not retried")
    func invalidAuth() async throws {
        try await VendorStub.with([Self.route: [try .fixture("slack/users.list-error-invalid_auth.json")]]) { stub in
            await #expect(throws: ConnectorFailure.unauthorized("invalid_auth")) { try await client(stub, SleepRecorder()).listing() }
            #expect(stub.requests.count == 1)
        }
    }

    @Test("probe reads one page and counts its people")
    func probe() async throws {
        try await VendorStub.with([Self.route: [try .fixture("slack/users.list-page2.json")]]) { stub in
            let count = try await client(stub, SleepRecorder()).probe()
            #expect(count == 2)  // two guests; bot and Slackbot left out
        }
    }

    @Test("a listing plans into members: guests and deleted users skipped, the title field becomes Job title")
    func listingToPlan() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-page2.json"),
                           .fixture("slack/users.list-page3.json")]
        try await VendorStub.with([Self.route: replies]) { stub in
            let listing = try await client(stub, SleepRecorder()).listing()
            let context = SyncContext(connectionID: ConnectionID("slack-1"), kind: .slack,
                                      fieldMapping: SourceFieldMapping([.init(field: "title", key: .jobTitle)]))
            let plan = SyncPlanner.plan(listing, members: [], context: context)
            #expect(plan.summary == SyncPlan.Summary(created: 3, skipped: [.guest: 2, .inactiveInSource: 1]))
            let glinda = try #require(plan.creations.first { $0.sourceID == "W07QCRPA4" })
            #expect(glinda.template.categoryValues[.jobTitle] == ["Glinda the Good"])
        }
    }
}

@Suite("Connector redirects — a bearer token never follows a redirect")
struct ConnectorRedirectTests {
    @Test("a 302 to another host is reported as HTTP 302, and the other host receives nothing")
    func redirectRefused() async throws {
        try await VendorStub.with(["GET /api/users.list": [try .fixture("slack/users.list-page3.json")]]) { elsewhere in
            let location = elsewhere.url("/api/users.list").absoluteString
            try await VendorStub.with(["GET /api/users.list": [.status(302, headers: [("Location", location)])]]) { stub in
                let client = SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-test-token", sleep: SleepRecorder().sleep)
                await #expect(throws: ConnectorFailure.httpStatus(302)) { try await client.listing() }
                #expect(elsewhere.requests.isEmpty)
            }
        }
    }
}
