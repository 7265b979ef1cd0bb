import Coffee
import Crypto
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console's field choice and schedule of a connection (issue 14, item 3) on the real
/// server: the source's fields with a check box and the category each becomes, saved
/// through the admin API's service; refusals show the service's sentence and change
/// nothing; CSRF, roles and tenant isolation.
@Suite("Admin console — a connection's fields and schedule")
struct ConsoleConnectionFieldsTests {
    static func settings(_ live: LiveServer, _ id: String, tenant: Store.TenantID? = nil) async throws -> (ConnectionSettings, Date?) {
        let tenantID: Store.TenantID
        if let tenant { tenantID = tenant } else { tenantID = try #require(try await live.store.tenant(named: "default")).id }
        let connection = try #require(try await live.server.persistence.read { tx in
            try tx.connections.connection(id: ConnectionID(id), tenant: tenantID)
        })
        return (try ConnectionSettings.decode(connection.settings), connection.nextRunAt)
    }

    /// A Slack connection created through the console's form: its page's path and id.
    static func createSlack(_ browser: ConsoleTests.Browser) async throws -> (path: String, id: String) {
        let created = try await browser.post("/admin/connections", [
            ("kind", "slack"), ("name", "Our Slack"), ("secret", "xoxb-fields-1234"),
            ("baseURL", "http://127.0.0.1:9/api"), ("intervalHours", ""),
        ], from: "/admin/connections")
        let path = String(try #require(created.headers["location"]).prefix { $0 != "?" })
        return (path, String(path.dropFirst("/admin/connections/".count)))
    }

    @Test("the fields page lists the source's fields; ticked ones are saved with their category; a refusal shows the service's sentence")
    func fields() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (path, id) = try await Self.createSlack(browser)
            let page = try await browser.get(path)
            #expect(page.text.contains(path + "/fields") && page.text.contains("Choose fields"), "\(page.text)")

            let fields = try await browser.get(path + "/fields")
            #expect(fields.status == 200 && fields.text.contains("Fields and categories"), "\(fields.text)")
            #expect(fields.text.contains(#"name="sourceField" value="title""#) && !fields.text.contains("checked"),
                    "Slack's title, not selected yet")
            #expect(fields.text.contains(#"name="category:title" value="title""#), "the suggested category")

            let saved = try await browser.post(path + "/fields", [("sourceField", "title"), ("category:title", " job-title ")],
                                               from: path + "/fields")
            #expect(saved.status == 303 && saved.headers["location"] == path + "/fields?notice=saved", "\(saved.status) \(saved.text)")
            #expect(try await Self.settings(live, id).0.fields == [["title", "job-title"]])
            let after = try await browser.get(path + "/fields?notice=saved")
            #expect(after.text.contains("The fields were saved") && after.text.contains("checked")
                    && after.text.contains(#"value="job-title""#), "\(after.text)")

            let refused = try await browser.post(path + "/fields", [("sourceField", "title"), ("category:title", "")],
                                                 from: path + "/fields")
            #expect(refused.status == 400 && refused.text.contains("Each entry of fields is [sourceField, categoryKey]."), "\(refused.text)")
            #expect(try await Self.settings(live, id).0.fields == [["title", "job-title"]], "a refusal changes nothing")

            let cleared = try await browser.post(path + "/fields", [], from: path + "/fields")
            #expect(cleared.status == 303)
            #expect(try await Self.settings(live, id).0.fields.isEmpty, "nothing ticked: no field imported")
        }
    }

    @Test("a Slack workspace's custom profile fields are offered with their labels, and one ticked is saved under its id")
    func slackCustomFields() async throws {
        try await VendorStub.with(["GET /api/team.profile.get": [try .fixture("slack/team.profile.get.json")]]) { stub in
            try await LiveServer.with { live in
                let browser = try await ConsoleTests.administrator(live)
                let created = try await browser.post("/admin/connections", [
                    ("kind", "slack"), ("name", "Our Slack"), ("secret", "xoxb-fields-1234"), ("baseURL", stub.url("/api").absoluteString),
                ], from: "/admin/connections")
                let path = String(try #require(created.headers["location"]).prefix { $0 != "?" })
                let id = String(path.dropFirst("/admin/connections/".count))
                let fields = try await browser.get(path + "/fields")
                #expect(fields.text.contains(#"value="Xf06054DDD""#) && fields.text.contains("House")
                        && fields.text.contains(#"name="category:Xf06054DDD" value="house""#), "\(fields.text)")
                let saved = try await browser.post(path + "/fields", [("sourceField", "Xf06054DDD"), ("category:Xf06054DDD", "house")],
                                                   from: path + "/fields")
                #expect(saved.status == 303)
                #expect(try await Self.settings(live, id).0.fields == [["Xf06054DDD", "house"]])
            }
        }
    }

    @Test("the schedule: hours saved and the next run planned; empty is on demand; refusals show why and change nothing",
          arguments: [("12", 303, Optional(12), ""), ("", 303, nil, ""), ("9999", 400, nil, "between 1 and 720"),
                      ("daily", 400, nil, "a whole number from 1 to 720")])
    func schedule(_ hours: String, _ status: Int, _ stored: Int?, _ reason: String) async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (path, id) = try await Self.createSlack(browser)
            let answer = try await browser.post(path + "/schedule", [("intervalHours", hours)], from: path)
            #expect(answer.status == status, "\(answer.status) \(answer.text)")
            let (settings, nextRun) = try await Self.settings(live, id)
            #expect(settings.intervalHours == stored && (nextRun != nil) == (stored != nil))
            if status == 303 {
                #expect(answer.headers["location"] == path + "?notice=schedule")
                #expect(try await browser.get(path + "?notice=schedule").text.contains("The schedule was saved."))
            } else {
                #expect(answer.text.contains(reason) && answer.text.contains(#"value="\#(hours)""#), "\(answer.text)")
            }
        }
    }

    @Test("CSRF on both forms, administrators only, another organisation's connection is 404 and unchanged")
    func security() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (other, foreign, settings) = try await ConsoleConnectionsTests.foreignConnection(live)
            let foreignPath = "/admin/connections/\(foreign.id.rawValue)"
            #expect(try await browser.get(foreignPath + "/fields").status == 404)
            #expect(try await browser.post(foreignPath + "/fields", [("sourceField", "title"), ("category:title", "t")],
                                           from: "/admin/connections").status == 404)
            #expect(try await browser.post(foreignPath + "/schedule", [("intervalHours", "5")], from: "/admin/connections").status == 404)
            #expect(try await Self.settings(live, foreign.id.rawValue, tenant: other).0 == settings, "unchanged")

            let (path, id) = try await Self.createSlack(browser)
            let before = try await Self.settings(live, id).0
            for (action, fields) in [("/fields", [("sourceField", "title"), ("category:title", "t")]), ("/schedule", [("intervalHours", "5")])] {
                let forged = try await PortalTests.post(browser.client, path + action, fields, cookies: browser.cookies)
                #expect(forged.status == 403, "\(action)")
            }
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.get(path + "/fields").status == 403)
            #expect(try await manager.post(path + "/fields", [("sourceField", "title"), ("category:title", "t")],
                                           from: "/admin/programs").status == 403)
            #expect(try await manager.post(path + "/schedule", [("intervalHours", "5")], from: "/admin/programs").status == 403)
            #expect(try await Self.settings(live, id).0 == before, "nothing changed")
        }
    }
}
