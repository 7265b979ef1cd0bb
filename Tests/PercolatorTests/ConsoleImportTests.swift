import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// The console's CSV import, categories and IdP mapping, and CSV exports over HTTP
/// (issue 13, items 3, 4, 6, 7): each step, what the forms may and may not change, roles,
/// CSRF, tenant isolation and escaping.
@Suite("Admin console — CSV import, categories and mapping, exports over HTTP")
struct ConsoleImportTests {
    typealias Browser = ConsoleTests.Browser
    static let boundary = "----consoleTestBoundary"

    /// Uploads `csv` as `filename` through the import's multipart form.
    static func upload(_ browser: Browser, csv: String, filename: String = "members.csv", csrf: String? = nil,
                       origin: String = PortalTests.origin) async throws -> SCIMTestClient.Response {
        let token: String
        if let csrf { token = csrf } else { token = try #require(PortalTests.csrf(try await browser.get("/admin/import"))) }
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n"
            + csv + "\r\n--\(boundary)--\r\n"
        return try await browser.client.send("POST", "/admin/import", rawBody: body, headers: [
            ("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Origin", origin),
            ("Cookie", browser.cookies.joined(separator: "; ")),
        ])
    }

    /// A file of `rows` members with a Team, a Ville and a Notes column.
    static func members(_ rows: Int, from first: Int = 0) -> String {
        var text = "Prénom,Nom,Email,Team,Ville,Notes\n"
        for index in first..<(first + rows) {
            text += "Given\(index),Family\(index),m\(index)@example.com,Team \(index % 3),\(["Paris", "Lyon"][index % 2]),note \(index)\n"
        }
        return text
    }

    /// Waits until the import page at `path` stops showing progress; returns it.
    static func finished(_ browser: Browser, _ path: String) async throws -> SCIMTestClient.Response {
        for _ in 0..<100 {
            let page = try await browser.get(path)
            if !page.text.contains("http-equiv=\"refresh\"") { return page }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the import did not finish in 10 s")
        return try await browser.get(path)
    }

    @Test("upload → preview and suggested mapping → dry run report → apply: a new category, a mapped one, an ignored column")
    func importJourney() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let site = try await browser.post("/admin/categories", [("label", "Site"), ("kind", "singleSelect")], from: "/admin/categories")
            #expect(site.status == 303, "\(site.status) \(site.text)")
            let uploaded = try await Self.upload(browser, csv: Self.members(50))
            #expect(uploaded.status == 303, "\(uploaded.status) \(uploaded.text)")
            let path = try #require(uploaded.headers["location"])
            let preview = try await browser.get(path)
            #expect(preview.status == 200 && preview.text.contains("Given0") && preview.text.contains("Given4") && !preview.text.contains("Given5"),
                    "the header and five rows")
            #expect(preview.text.contains("<option value=\"new\" selected>"), "Team, Ville, Notes are suggested as new drop-downs")
            #expect(!preview.text.contains("Import (50 members)"), "no apply before a dry run")
            let early = try await browser.post(path + "/apply", [("welcome", "no")], from: path)
            #expect(early.status == 404, "an unchecked upload cannot be applied")

            let checked = try await browser.post(path + "/plan", [("column4", "new-multi"), ("column5", "category:site"),
                                                                   ("column6", "ignore")], from: path)
            #expect(checked.status == 303, "\(checked.status) \(checked.text)")
            let report = try await browser.get(path)
            #expect(report.text.contains("Dry run") && report.text.contains(">50</span>") && report.text.contains("Import (50 members)"))
            #expect(report.text.contains("Notes") && report.text.contains("New categories") && report.text.contains("Team 1"))
            #expect(report.text.contains("<option value=\"category:site\" selected>"), "the page keeps the choices")
            #expect(try await live.client(token: live.adminToken).members().isEmpty, "a dry run writes nothing")

            // The apply form carries no plan: a column choice added to it changes nothing.
            let applied = try await browser.post(path + "/apply", [("welcome", "no"), ("column4", "ignore")], from: path)
            #expect(applied.status == 303)
            let done = try await Self.finished(browser, path)
            #expect(done.text.contains("Import done: 50 members created"), "\(done.text)")
            let again = try await browser.post(path + "/apply", [("welcome", "no")], from: path)
            #expect(again.status == 404, "an upload applies once")

            let tenant = try #require(try await live.store.tenant(named: "default")).id
            let catalog = try await live.server.persistence.read { tx in try tx.categories.catalog(tenant: tenant) }
            #expect(catalog[CategoryKey("team")]?.type == .multiSelect, "the checked choice, not the apply form's")
            #expect(catalog[CategoryKey("notes")] == nil)
            let members = try await live.client(token: live.adminToken).members()
            #expect(members.count == 50)
            let categories = try await browser.get("/admin/categories")
            #expect(categories.text.contains("Paris") && categories.text.contains(" · 25"), "values with their member counts")
        }
    }

    @Test("a file with errors is reported row by row with reasons, offers no apply, and writes nothing; no file is a 400")
    func rejectedRows() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let csv = "First name,Last name,Email\nAda,Lovelace,not-an-email\nAlan,Turing,alan@example.com\nGrace,,grace@example.com\n"
            let uploaded = try await Self.upload(browser, csv: csv)
            let path = try #require(uploaded.headers["location"])
            _ = try await browser.post(path + "/plan", [], from: path)
            let report = try await browser.get(path)
            #expect(report.text.contains("not-an-email") && report.text.contains("is not a valid email address"))
            #expect(report.text.contains("Nothing can be imported") && !report.text.contains("/apply"))
            let apply = try await browser.post(path + "/apply", [("welcome", "yes")], from: path)
            #expect(apply.status == 404)
            #expect(try await live.client(token: live.adminToken).members().isEmpty)

            let empty = try await Self.upload(browser, csv: "")
            #expect(empty.status == 400 && empty.text.contains("Choose a CSV file that is not empty"))
            let wrong = try await browser.post(path + "/plan", [("column1", "category:")], from: path)
            #expect(wrong.status == 303 || wrong.status == 400, "a choice on a mandatory column is not one the form offers")
        }
    }

    @Test("a file over the admin API's import-max-bytes is refused with a page that says the limit, and kept nowhere")
    func sizeLimit() async throws {
        try await LiveServer.with({ $0.admin.importMaxBytes = 4_096 }) { live in
            let browser = try await ConsoleTests.administrator(live)
            let page = try await browser.get("/admin/import")
            #expect(page.text.contains("At most 4 KiB."))
            let large = Self.members(120)
            #expect(large.utf8.count > 4_096)
            let refused = try await Self.upload(browser, csv: large)
            #expect(refused.status == 413 && refused.text.contains("larger than 4 KiB"), "\(refused.status)")
            let small = try await Self.upload(browser, csv: Self.members(20))
            #expect(small.status == 303, "\(small.status)")
            #expect(try await live.client(token: live.adminToken).members().isEmpty)
        }
    }

    @Test("hostile headers, cells and file names are escaped on the preview and the report")
    func escaping() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let csv = "First name,Last name,Email,<script>alert(1)</script>\n<img src=x onerror=alert(1)>,B,b@example.com,\"<b>x</b>\"\n"
            let uploaded = try await Self.upload(browser, csv: csv, filename: "<svg onload=alert(1)>.csv")
            let path = try #require(uploaded.headers["location"])
            _ = try await browser.post(path + "/plan", [], from: path)
            let page = try await browser.get(path + "?lang=fr")
            #expect(page.status == 200 && page.text.contains("Simulation"))
            #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x") && !page.text.contains("<svg onload")
                    && !page.text.contains("<b>x</b>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.text.contains("&lt;svg onload=alert(1)&gt;.csv"))
        }
    }

    @Test("the import's, categories' and category pages send the console's CSP and no inline script")
    func securityHeaders() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let uploaded = try await Self.upload(browser, csv: Self.members(3))
            let path = try #require(uploaded.headers["location"])
            _ = try await browser.post(path + "/plan", [], from: path)
            for page in ["/admin/import", path, "/admin/categories", "/admin/categories/department"] {
                let answer = try await browser.get(page)
                #expect(answer.status == 200, "\(page)")
                #expect(answer.headers["content-security-policy"]?.contains("script-src 'self'") == true
                        && answer.headers["cache-control"] == "no-store", "\(page)")
                #expect(!answer.text.contains("<script>") && !answer.text.contains("style=\""), "\(page)")
            }
        }
    }

    @Test("every new form refuses a POST without the session's CSRF token or from another origin, and changes nothing")
    func csrf() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let uploaded = try await Self.upload(browser, csv: Self.members(2))
            let path = try #require(uploaded.headers["location"])
            _ = try await browser.post(path + "/plan", [], from: path)
            let forged = try await Self.upload(browser, csv: Self.members(2), csrf: "forged")
            #expect(forged.status == 403)
            let elsewhere = try await Self.upload(browser, csv: Self.members(2), origin: "https://evil.example")
            #expect(elsewhere.status == 403)
            let forms: [(String, [(String, String)])] = [
                (path + "/plan", [("column4", "ignore")]), (path + "/apply", [("welcome", "no")]),
                ("/admin/categories", [("label", "Forged"), ("kind", "text")]),
                ("/admin/categories/mapping", [("mappingPath", "title"), ("mappingCategory", "forged")]),
                ("/admin/categories/department", [("label", "Forged")]),
            ]
            for (form, fields) in forms {
                let noToken = try await PortalTests.post(browser.client, form, fields, cookies: browser.cookies)
                #expect(noToken.status == 403, "\(form) without a token: \(noToken.status)")
                let wrongOrigin = try await browser.post(form, fields, from: "/admin/categories", origin: "https://evil.example")
                #expect(wrongOrigin.status == 403, "\(form) from another origin: \(wrongOrigin.status)")
            }
            let categories = try await browser.get("/admin/categories")
            #expect(!categories.text.contains("Forged"))
            #expect(try await live.client(token: live.adminToken).members().isEmpty)
        }
    }

    @Test("a program manager is refused the import, the categories and the members export; another session's upload is not found")
    func rolesAndIsolation() async throws {
        try await LiveServer.with { live in
            let administrator = try await ConsoleTests.administrator(live)
            let uploaded = try await Self.upload(administrator, csv: Self.members(2))
            let path = try #require(uploaded.headers["location"])
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            for page in ["/admin/import", path, "/admin/categories", "/admin/categories/department", "/admin/members.csv"] {
                let answer = try await manager.get(page)
                #expect(answer.status == 403, "\(page): \(answer.status)")
            }
            let posted = try await Self.upload(manager, csv: Self.members(2), csrf: try #require(PortalTests.csrf(try await manager.get("/admin"))))
            #expect(posted.status == 403)
            let other = try await ConsoleTests.administrator(live)
            let theirs = try await other.get(path)
            #expect(theirs.status == 404 && !theirs.text.contains("Given0"), "an upload is its session's")
            let plan = try await other.post(path + "/plan", [], from: "/admin/import")
            #expect(plan.status == 404)
        }
    }

    @Test("categories: create one, refuse a duplicate, edit its label and values; the IdP mapping is saved, and a bad path changes nothing")
    func categories() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let created = try await browser.post("/admin/categories", [("label", "Seniority"), ("kind", "multiSelect")], from: "/admin/categories")
            #expect(created.status == 303)
            let duplicate = try await browser.post("/admin/categories", [("label", "seniority"), ("kind", "text")], from: "/admin/categories")
            #expect(duplicate.status == 409 && duplicate.text.contains("already exists"))
            let nameless = try await browser.post("/admin/categories", [("label", "  "), ("kind", "text")], from: "/admin/categories")
            #expect(nameless.status == 400)
            let edited = try await browser.post("/admin/categories/seniority", [("label", "Years here"), ("memberEditable", "yes"),
                                                                                ("values", "0-2\n3-5\n")], from: "/admin/categories/seniority")
            #expect(edited.status == 303)
            let page = try await browser.get("/admin/categories")
            #expect(page.text.contains("Years here") && page.text.contains("3-5") && page.text.contains("Multi-select"))

            let saved = try await browser.post("/admin/categories/mapping", [
                ("mappingPath", "title"), ("mappingCategory", "seniority"),
                ("mappingPath", ""), ("mappingCategory", ""),
            ], from: "/admin/categories")
            #expect(saved.status == 303)
            let tenant = try #require(try await live.store.tenant(named: "default")).id
            var settings = try await live.server.persistence.read { tx in try tx.settings.settings(tenant: tenant) }
            #expect(settings.categoryMapping.entries == [CategoryMapping.Entry(path: "title", key: CategoryKey("seniority"))])
            let bad = try await browser.post("/admin/categories/mapping", [("mappingPath", "no such attribute!"),
                                                                           ("mappingCategory", "seniority")], from: "/admin/categories")
            #expect(bad.status == 400 && bad.text.contains("is not a User attribute path"))
            settings = try await live.server.persistence.read { tx in try tx.settings.settings(tenant: tenant) }
            #expect(settings.categoryMapping.entries.count == 1, "a refused mapping changes nothing")
            let missing = try await browser.get("/admin/categories/nope")
            #expect(missing.status == 404)
        }
    }

    @Test("the members export is a CSV download with the list's filter, formula cells neutralised, and imports back unchanged")
    func membersExport() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            for (given, family, email) in [("=HYPERLINK(\"http://evil\")", "Lovelace", "ada@example.com"), ("Hélène", "-2+3", "helene@example.com")] {
                let added = try await browser.post("/admin/members/new", [("givenName", given), ("familyName", family), ("email", email),
                                                                          ("welcome", "no")], from: "/admin/members/new")
                #expect(added.status == 303)
            }
            let export = try await browser.get("/admin/members.csv?q=&status=active")
            #expect(export.status == 200 && export.headers["content-type"] == "text/csv; charset=utf-8")
            #expect(export.headers["content-disposition"]?.hasPrefix("attachment; filename=\"members-") == true)
            #expect(export.headers["cache-control"] == "no-store" && export.headers["x-content-type-options"] == "nosniff")
            #expect(Array(export.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: export.body.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("Email,First name,Last name,Status,Source"))
            #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"") && text.contains("Hélène,'-2+3,Active"))
            #expect(!text.contains(",=HYPERLINK"))
            let filtered = try await browser.get("/admin/members.csv?status=inactive")
            #expect(String(decoding: filtered.body, as: UTF8.self).split(separator: "\r\n").count == 1, "the filter applies")
            let list = try await browser.get("/admin/members?q=ada&status=active")
            #expect(list.text.contains("/admin/members.csv?q=ada&amp;status=active"), "the list links its own filters")
            // Back through the import (a dry run): the BOM is skipped, and the quote-prefixed cells are the only change.
            let dryRun = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "column.Status=ignore&column.Source=ignore",
                                                  body: Array(export.body))
            #expect(dryRun.status == 200 && dryRun.count("rejected") == 0 && dryRun.count("created") == 0, "\(String(describing: dryRun.json))")
        }
    }

    @Test("a matched session's groups download as CSV, for administrators and program managers; before matching it is not found")
    func sessionExport() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            for index in 0..<4 {
                _ = try await browser.post("/admin/members/new", [("givenName", "G\(index)"), ("familyName", "F\(index)"),
                                                                  ("email", "g\(index)@example.com"), ("welcome", "no")], from: "/admin/members/new")
            }
            let program = try await browser.post("/admin/programs", [("name", "Coffee"), ("groupSize", "2")], from: "/admin/programs")
            let programPath = try #require(program.headers["location"])
            let session = try await browser.post(programPath + "/sessions", [("matchAt", "2030-01-01T09:00")], from: programPath)
            let sessionPath = try #require(session.headers["location"])
            let early = try await browser.get(sessionPath + "/groups.csv")
            #expect(early.status == 404)
            _ = try await browser.post(sessionPath + "/match", [], from: sessionPath)
            let page = try await browser.get(sessionPath)
            #expect(page.text.contains(sessionPath + "/groups.csv"))
            let export = try await browser.get(sessionPath + "/groups.csv")
            #expect(export.status == 200 && export.headers["content-disposition"]?.contains("groups.csv") == true)
            let lines = String(decoding: export.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.first == "Program,Session,Group,Email,First name,Last name" && lines.count == 5, "\(lines)")
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            // A program manager reaches the programs it owns (ConsoleProgramOwnersTests).
            try await ConsoleStatisticsTests.services(live).programs.setOwners(
                ["pm@example.com"], of: ProgramID(try ConsoleProgramOwnersTests.id(programPath)), tenant: try await ConsoleStatisticsTests.tenant(live))
            #expect(try await manager.get(sessionPath + "/groups.csv").status == 200)
        }
    }
}
