import Coffee
import Crypto
import Foundation
import Store
import Testing
@testable import Percolator

/// Slack's custom profile fields (issue 14): offered through `team.profile.get`, their
/// values read with `users.profile.get` per person only when one is selected, against a
/// Slack answering the reference's documented bodies (`fixtures/connectors/slack`).
@Suite("Slack custom profile fields — team.profile.get, users.profile.get only when one is selected, 429 honoured")
struct SlackCustomFieldsTests {
    static let list = "GET /api/users.list", profile = "GET /api/users.profile.get", definitions = "GET /api/team.profile.get"

    static func pages() throws -> [VendorStub.Reply] {
        try [.fixture("slack/users.list-page1.json"), .fixture("slack/users.list-page2.json"), .fixture("slack/users.list-page3.json")]
    }

    @Test("the workspace's fields are offered after title, in their order; definitions that cannot be read leave title alone")
    func available() async throws {
        try await VendorStub.with([Self.definitions: [try .fixture("slack/team.profile.get.json")]]) { stub in
            let fields = try await SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-t").availableFields()
            #expect(fields.map(\.name) == ["title", "Xf06054AAA", "Xf06054BBB", "Xf06054CCC", "Xf06054DDD", "Xf06054EEE", "Xf06054FFF"])
            #expect(fields.map(\.label).prefix(5) == ["Title", "Phone extension", "Date of birth", "Facebook", "House"])
        }
        try await VendorStub.with([Self.definitions: [.status(200, body: #"{"ok": false, "error": "missing_scope"}"#)]]) { stub in
            let fields = try await SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-t").availableFields()
            #expect(fields == SlackDirectoryClient.availableFields, "without users.profile:read, title alone")
            #expect(stub.requests.count == 1, "one attempt")
        }
    }

    @Test("a selected custom field is read per person who may be kept (not guests, bots or deleted users); a 429's Retry-After is waited out")
    func values() async throws {
        let profiles: [VendorStub.Reply] = try [
            .fixture("slack/users.profile.get-W012A3CDE.json"), .status(429, headers: [("Retry-After", "2")]),
            .fixture("slack/users.profile.get-W07QCRPA4.json"), .fixture("slack/users.profile.get-W0RAY0001.json"),
        ]
        try await VendorStub.with([Self.list: try Self.pages(), Self.profile: profiles]) { stub in
            let sleeper = SleepRecorder()
            var client = SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-t", sleep: sleeper.sleep)
            client.customFields = ["Xf06054DDD"]
            let listing = try await client.listing()
            let byID = Dictionary(uniqueKeysWithValues: listing.people.map { ($0.sourceID, $0) })
            #expect(byID["W012A3CDE"]?.fields == ["Xf06054DDD": "Ravenclaw"], "the location is not selected")
            #expect(byID["W07QCRPA4"]?.fields == ["title": "Glinda the Good"], "no custom value (fields: null)")
            #expect(byID["W0RAY0001"]?.fields["Xf06054DDD"] == "Gryffindor")
            let asked = stub.requests.filter { $0.target.contains("users.profile.get") }.map(\.target)
            #expect(asked.count == 4 && asked.allSatisfy { $0.contains("user=W012A3CDE") || $0.contains("user=W07QCRPA4")
                || $0.contains("user=W0RAY0001") }, "\(asked)")
            #expect(sleeper.recorded == [2])
        }
    }

    @Test("with no custom field selected, no users.profile.get call is made")
    func noneSelected() async throws {
        try await VendorStub.with([Self.list: try Self.pages()]) { stub in
            let listing = try await SlackDirectoryClient(baseURL: stub.url("/api"), botToken: "xoxb-t").listing()
            #expect(listing.people.count == 6)
            #expect(stub.requests.count == 3 && stub.requests.allSatisfy { $0.target.contains("users.list") })
        }
    }

    @Test("a connection mapping a custom field fills the category from it")
    func throughARun() async throws {
        try await ServiceFixture.with { fixture in
            let profiles: [VendorStub.Reply] = try [.fixture("slack/users.profile.get-W012A3CDE.json"),
                                                    .fixture("slack/users.profile.get-W07QCRPA4.json"),
                                                    .fixture("slack/users.profile.get-W0RAY0001.json")]
            try await VendorStub.with([Self.list: try Self.pages(), Self.profile: profiles]) { stub in
                let connections = try ConnectionServiceTests.service(fixture)
                var input = ConnectionServiceTests.slack(stub)
                input.settings.fields = [["Xf06054DDD", "house"]]
                let connection = try await connections.create(input, tenant: ServiceFixture.t1, at: ServiceFixture.now)
                let run = try await connections.run(connection.id, tenant: ServiceFixture.t1, at: ServiceFixture.now)
                #expect(run.outcome == .succeeded, "\(run.error ?? "")")
                let houses = try await fixture.persistence.read { db in
                    try db.members.liveMembers(tenant: ServiceFixture.t1).map { $0.categoryValues["house"] }
                }
                #expect(houses.sorted { $0.joined() < $1.joined() } == [[], ["Gryffindor"], ["Ravenclaw"]], "\(houses)")
            }
        }
    }
}
