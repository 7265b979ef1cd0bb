import Coffee
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// The console's statistics, preview and program lifecycle (issue 13, items 7 and 8):
/// server-rendered SVG charts with a table fallback, the connections matrix, a preview
/// that saves nothing, groups with the rules they satisfied, reasons in words, the
/// pause/resume/archive buttons, and the same security rules as every console form.
@Suite("Admin console — statistics, connections matrix, preview and program lifecycle over HTTP")
struct ConsoleStatisticsTests {
    typealias Browser = ConsoleTests.Browser

    /// The default tenant's services, as the admin API uses them.
    static func services(_ live: LiveServer) -> ApplicationServices {
        ApplicationServices(persistence: live.server.persistence, matcher: SessionMatcher(persistence: live.server.persistence),
                            invitationLifetime: 3_600)
    }

    static func tenant(_ live: LiveServer) async throws -> TenantID {
        try #require(try await live.store.tenant(named: "default")).id
    }

    /// Adds members named `Name Test` with their departments (`nil`: none).
    static func addMembers(_ live: LiveServer, _ people: [(String, String?)]) async throws {
        let services = services(live), tenant = try await tenant(live)
        for (index, (name, department)) in people.enumerated() {
            _ = try await services.members.add(
                ManualEntry(givenName: name, familyName: "Test", email: "p\(index)@example.com",
                            categoryValues: CategoryValues(department.map { [.department: [$0]] } ?? [:])),
                id: MemberID("m\(index)"), sendsWelcomeEmail: false, tenant: tenant, at: Date())
        }
    }

    /// Creates a program with a `differentValue department` rule and a session in two
    /// hours through the console; returns the program's and the session's paths.
    static func programWithSession(_ browser: Browser, name: String = "Coffee") async throws -> (program: String, session: String) {
        let created = try await browser.post("/admin/programs", [("name", name), ("groupSize", "2"), ("participation", "automatic"),
                                                                 ("rule", "differentValue"), ("ruleCategory", "department")],
                                             from: "/admin/programs")
        let program = try #require(created.headers["location"], "\(created.status) \(created.text)")
        let matchAt = ConsoleEndpoints.format(Date().addingTimeInterval(7_200)).prefix(16).replacingOccurrences(of: " ", with: "T")
        let session = try await browser.post(program + "/sessions", [("matchAt", matchAt)], from: program)
        return (program, try #require(session.headers["location"], "\(session.status) \(session.text)"))
    }

    @Test("preview with a seed shows groups and the rules they satisfied, saves nothing, and the same seed gives the same groups")
    func preview() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Ada", "R&D"), ("Alan", "R&D"), ("Grace", "Navy"), ("Kath", "NASA")])
            let browser = try await ConsoleTests.administrator(live)
            let (_, session) = try await Self.programWithSession(browser)
            let page = try await browser.get(session)
            #expect(page.text.contains("Preview a matching") && page.text.contains(#"name="seed""#))
            let first = try await browser.post(session + "/preview", [("seed", "7")], from: session)
            #expect(first.status == 200, "\(first.status) \(first.text)")
            #expect(first.text.contains("Preview with seed 7: nothing was saved.") && first.text.contains("Group 2"))
            #expect(first.text.contains("Rules satisfied: Mix people with different values of department"), "\(first.text)")
            let second = try await browser.post(session + "/preview", [("seed", "7")], from: session)
            func groups(_ text: String) -> String { text.components(separatedBy: #"<ol class="groups">"#).dropFirst().first ?? "" }
            #expect(!groups(first.text).isEmpty && groups(first.text) == groups(second.text), "the same seed, the same groups")
            let id = try #require(session.split(separator: "/").last?.removingPercentEncoding)
            let stored = try await Self.services(live).sessions.session(SessionID(id), tenant: try await Self.tenant(live))
            #expect(stored.state != .matched && stored.match == nil, "a preview saves nothing")
            for bad in ["-1", "seven", "18446744073709551616"] {
                let refused = try await browser.post(session + "/preview", [("seed", bad)], from: session)
                #expect(refused.status == 400, "seed \(bad)")
            }
            let ownSeed = try await browser.post(session + "/preview", [("seed", "")], from: session)
            #expect(ownSeed.status == 200 && ownSeed.text.contains("Preview with seed"))
        }
    }

    @Test("a matched session's unmatched member is told in words, never as a Swift case name")
    func unmatchedReasonInWords() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Solo", "R&D")])
            let browser = try await ConsoleTests.administrator(live)
            let (_, session) = try await Self.programWithSession(browser)
            let preview = try await browser.post(session + "/preview", [("seed", "1")], from: session)
            #expect(preview.text.contains("the only participant"), "\(preview.text)")
            let matched = try await browser.post(session + "/match", [], from: session)
            #expect(matched.status == 303)
            let page = try await browser.get(session)
            #expect(page.text.contains("Solo Test") && page.text.contains("the only participant"))
            #expect(!page.text.contains("onlyParticipant"), "the domain's case name does not reach the page")
            let french = try await browser.get(session + "?lang=fr")
            #expect(french.text.contains("seul participant"))
        }
    }

    @Test("statistics: SVG charts with title, description and a table; the connections matrix counts who met whom")
    func statisticsAndMatrix() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Ada", "R&D"), ("Alan", "R&D"), ("Grace", "<b>Navy</b>"), ("Kath", "NASA"),
                                             ("Edsger", nil), ("Barbara", "R&D")])
            let browser = try await ConsoleTests.administrator(live)
            let (program, session) = try await Self.programWithSession(browser, name: "Stats <i>club</i>")
            let empty = try await browser.get(program + "/statistics")
            #expect(empty.status == 200 && empty.text.contains("No matched session yet"))
            #expect(try await browser.post(session + "/match", [], from: session).status == 303)
            let page = try await browser.get(program + "/statistics")
            #expect(page.status == 200)
            #expect(page.text.contains("Stats &lt;i&gt;club&lt;/i&gt;") && !page.text.contains("<i>club"))
            #expect(page.text.contains(#"<svg viewbox="#) && page.text.contains(#"role="img" aria-labelledby="chart-0-title""#))
            #expect(page.text.contains(#"<title id="chart-0-title">Participation</title>"#))
            #expect(page.text.contains(#"<desc id="chart-0-desc">"#) && page.text.contains("100%"), "six of six took part")
            #expect(page.text.contains("Rule: Mix people with different values of department"))
            #expect(page.text.contains("1 matched session counted."))
            // The matrix: the first rule's category; six members in three pairs.
            #expect(page.text.contains("Connections by Department") || page.text.contains("Connections by department"), "\(page.text)")
            #expect(page.text.contains("3 pairs;"))
            #expect(page.text.contains("&lt;b&gt;Navy&lt;/b&gt;") && !page.text.contains("<b>Navy"), "values are escaped")
            #expect(page.text.contains("<em>no value</em>"))
            // The same figures through the service the page uses.
            let tenant = try await Self.tenant(live)
            let programID = ProgramID(try #require(program.split(separator: "/").last).description)
            let matrix = try await Self.services(live).programs.connections(of: programID, last: 10, category: "Department", tenant: tenant)
            #expect(matrix.pairs == 3 && matrix.values == ["<b>Navy</b>", "NASA", "R&D", nil])
            await #expect(throws: ServiceError.self) {
                try await Self.services(live).programs.connections(of: programID, last: 10, category: "nope", tenant: tenant)
            }
            let byCity = try await browser.get(program + "/statistics?category=city&last=5&lang=fr")
            #expect(byCity.status == 200 && byCity.text.contains("sans valeur") && byCity.text.contains("Rencontres par"))
            for query in ["?last=0", "?last=abc", "?last=100000", "?category=%3Cscript%3E"] {
                let odd = try await browser.get(program + "/statistics" + query)
                #expect(odd.status == 200 && !odd.text.contains("<script>"), "\(query)")
            }
        }
    }

    @Test("pause, resume and archive change the program's status; an archived program offers none")
    func lifecycle() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (program, _) = try await Self.programWithSession(browser)
            let draft = try await browser.get(program)
            #expect(draft.text.contains(program + "/archive") && !draft.text.contains(program + "/pause"))
            #expect(try await browser.post(program + "/activate", [], from: program).status == 303)
            let active = try await browser.get(program)
            #expect(active.text.contains(program + "/pause") && active.text.contains(program + "/statistics"))
            #expect(try await browser.post(program + "/pause", [], from: program).status == 303)
            let paused = try await browser.get(program)
            #expect(paused.text.contains("Paused") && paused.text.contains(program + "/resume"))
            let refused = try await browser.post(program + "/pause", [], from: program)
            #expect(refused.status == 400, "pausing a paused program is refused")
            #expect(try await browser.post(program + "/resume", [], from: program).status == 303)
            #expect(try await browser.post(program + "/archive", [], from: program).status == 303)
            let archived = try await browser.get(program)
            #expect(archived.text.contains("Archived") && !archived.text.contains(program + "/pause")
                    && !archived.text.contains(program + "/resume"))
            #expect(try await browser.post(program + "/resume", [], from: program).status == 400)
        }
    }

    @Test("the new forms refuse a POST without the CSRF token or from another origin, and change nothing")
    func csrf() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Ada", "R&D"), ("Alan", "Sales")])
            let browser = try await ConsoleTests.administrator(live)
            let (program, session) = try await Self.programWithSession(browser)
            #expect(try await browser.post(program + "/activate", [], from: program).status == 303)
            for path in [session + "/preview", program + "/pause", program + "/archive", program + "/resume"] {
                let missing = try await PortalTests.post(browser.client, path, [("seed", "1")], cookies: browser.cookies)
                #expect(missing.status == 403, "\(path) without a token: \(missing.status)")
                let csrf = try #require(PortalTests.csrf(try await browser.get(program)))
                let elsewhere = try await PortalTests.post(browser.client, path, [("csrf", csrf), ("seed", "1")],
                                                           cookies: browser.cookies, origin: "https://evil.example")
                #expect(elsewhere.status == 403, "\(path) from another origin: \(elsewhere.status)")
            }
            let id = ProgramID(try #require(program.split(separator: "/").last).description)
            #expect(try await Self.services(live).programs.program(id, tenant: try await Self.tenant(live)).status == .active)
        }
    }

    @Test("a program manager reaches statistics and preview; another organisation's program and session answer 404")
    func rolesAndIsolation() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Ada", "R&D"), ("Alan", "Sales")])
            let administrator = try await ConsoleTests.administrator(live)
            let (program, session) = try await Self.programWithSession(administrator)
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            // A program manager reaches the programs it owns (ConsoleProgramOwnersTests).
            try await Self.services(live).programs.setOwners(["pm@example.com"], of: ProgramID(try ConsoleProgramOwnersTests.id(program)),
                                                             tenant: try await Self.tenant(live))
            #expect(try await manager.get(program + "/statistics").status == 200)
            #expect(try await manager.post(session + "/preview", [("seed", "3")], from: session).status == 200)

            let other = try await live.store.createTenant(name: "other")
            let services = Self.services(live)
            _ = try await services.members.add(ManualEntry(givenName: "Eve", familyName: "Other", email: "eve@other.example"),
                                               id: MemberID("eve"), sendsWelcomeEmail: false, tenant: other.id, at: Date())
            let theirs = try await services.programs.create(tenant: other.id, at: Date(), id: ProgramID("their-program")) { _, _ in
                ProgramDraft(name: "Theirs", schedule: .once(at: Date().addingTimeInterval(86_400), optInOpensAt: nil))
            }
            _ = try await services.programs.perform(.activate, on: theirs.id, tenant: other.id, at: Date())
            let theirSession = try await services.programs.addSession(to: theirs.id, matchAt: Date().addingTimeInterval(3_600),
                                                                      tenant: other.id, at: Date())
            let statistics = try await administrator.get("/admin/programs/their-program/statistics")
            #expect(statistics.status == 404 && !statistics.text.contains("Theirs"))
            let preview = try await administrator.post("/admin/sessions/\(theirSession.id.rawValue)/preview", [("seed", "1")], from: program)
            #expect(preview.status == 404 && !preview.text.contains("Eve"))
            for action in ["pause", "archive"] {
                #expect(try await administrator.post("/admin/programs/their-program/\(action)", [], from: program).status == 404)
            }
            #expect(try await services.programs.program(theirs.id, tenant: other.id).status == .active, "their program is untouched")
        }
    }

    @Test("the statistics and preview pages send the console's CSP and hold no inline script or style")
    func securityHeaders() async throws {
        try await LiveServer.with { live in
            try await Self.addMembers(live, [("Ada", "R&D"), ("Alan", "Sales")])
            let browser = try await ConsoleTests.administrator(live)
            let (program, session) = try await Self.programWithSession(browser)
            let preview = try await browser.post(session + "/preview", [("seed", "2")], from: session)
            _ = try await browser.post(session + "/match", [], from: session)
            let pages = [try await browser.get(program + "/statistics"), try await browser.get(session), preview]
            for page in pages {
                #expect(page.headers["content-security-policy"]?.contains("script-src 'self'; style-src 'self'") == true)
                #expect(!page.text.contains("<script>") && !page.text.contains("style=\""), "no inline script or style")
                #expect(!page.text.contains("http://") || page.text.contains("127.0.0.1"), "nothing from another origin")
            }
        }
    }
}
