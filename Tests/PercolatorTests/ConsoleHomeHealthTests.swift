import Coffee
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console home's provisioning health (issue 13, item 2), from the provisioning log.
@Suite("Admin console — provisioning health on the home page")
struct ConsoleHomeHealthTests {
    @Test("requests and errors per IdP client over 24 hours, the last errors with their detail; escaped; not a program manager's")
    func health() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let before = try await browser.get("/admin")
            #expect(before.text.contains("No SCIM request received yet"))
            let client = try live.client()
            let hostile = [("User-Agent", "<script>alert(1)</script> Okta/1.0")]
            for index in 0..<3 { _ = try await client.post("/scim/v2/Users", SCIMBodies.user("user\(index)@example.com"), headers: hostile) }
            let conflict = try await client.post("/scim/v2/Users", SCIMBodies.user("user0@example.com"), headers: hostile)
            #expect(conflict.status == 409)
            await live.server.provisioningLogWriter.flush()
            let home = try await browser.get("/admin")
            #expect(home.status == 200 && home.text.contains("Provisioning health (last 24 hours)"))
            #expect(home.text.contains("Last SCIM request:") && home.text.contains("· 409"), "the last request and its status")
            let row = try #require(home.text.components(separatedBy: "<tr>").first { $0.contains("Okta/1.0") }, "\(home.text)")
            #expect(row.contains(">4</td>") && row.contains(">1</span>"), "four requests, one error: \(row)")
            #expect(!home.text.contains("<script>alert") && home.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let errors = try #require(home.text.components(separatedBy: "Last errors").last)
            #expect(errors.contains("409 uniqueness") && errors.contains("create User"), "\(errors)")
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            let managerHome = try await manager.get("/admin")
            #expect(managerHome.status == 200 && !managerHome.text.contains("Provisioning health"))
        }
    }
}
