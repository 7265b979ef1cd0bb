import Foundation
@testable import Percolator
import SCIM
import Testing
import TestSupport

/// The welcome-email choice starts at the tenant's setting (`sendWelcomeEmail`, `PATCH
/// /api/v1/settings`) on the import's apply form and on the add-a-member form (issue 13;
/// the import's used to start at "no" whatever the setting).
@Suite("Admin console — the welcome-email choice defaults to the tenant's setting")
struct ConsoleWelcomeDefaultTests {
    /// The value of the checked `welcome` radio button on `page`.
    static func checkedWelcome(_ page: String) -> String? {
        page.components(separatedBy: "<input").first { $0.contains(#"name="welcome""#) && $0.contains("checked") }
            .flatMap { $0.components(separatedBy: #"value=""#).dropFirst().first?.prefix { $0 != "\"" } }.map(String.init)
    }

    @Test("setting on: 'yes' is checked on the import's apply form and on add-a-member; setting off: 'no' on both",
          arguments: [true, false])
    func welcomeDefault(_ setting: Bool) async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let patched = try await admin.send("PATCH", "/api/v1/settings", body: ["sendWelcomeEmail": .bool(setting)])
            #expect(patched.status == 200, "\(patched.text)")
            let browser = try await ConsoleTests.administrator(live)
            let uploaded = try await ConsoleImportTests.upload(browser, csv: ConsoleImportTests.members(2))
            let path = try #require(uploaded.headers["location"])
            #expect(try await browser.post(path + "/plan", [("column4", "ignore")], from: path).status == 303)
            let report = try await browser.get(path)
            let expected = setting ? "yes" : "no"
            #expect(Self.checkedWelcome(report.text) == expected, "\(report.text)")
            #expect(Self.checkedWelcome(try await browser.get("/admin/members/new").text) == expected)
        }
    }
}
