import Coffee
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// Editing a program in the console (issue 13, item 7): the form shows the program, "Count"
/// counts its audience without saving, Save goes through the admin API's service, a wrong
/// value is refused and changes nothing.
@Suite("Admin console — editing a program: audience count, rules in priority order, schedule")
struct ConsoleProgramEditTests {
    static func fields(name: String = "Renamed", groupSize: String = "3", audience: String = "all", expression: String = "",
                       intent: String = "save") -> [(String, String)] {
        [("name", name), ("groupSize", groupSize), ("repeatWindow", "4"), ("participation", "optIn"),
         ("audience", audience), ("audienceExpression", expression),
         ("rule0", "sameValue"), ("ruleCategory0", "city"), ("rule1", "differentValue"), ("ruleCategory1", "department"),
         ("rule2", "none"), ("ruleCategory2", ""),
         ("schedule", "recurring"), ("everyWeeks", "2"), ("weekday", "2"), ("time", "10:00"), ("timeZone", "Europe/Paris"),
         ("optInDays", "2"), ("intent", intent)]
    }

    @Test("the form shows the program; Count counts the audience and saves nothing; Save changes every field")
    func edit() async throws {
        try await LiveServer.with { live in
            try await ConsoleStatisticsTests.addMembers(live, [("Ada", "R&D"), ("Alan", "R&D"), ("Grace", "Navy")])
            let browser = try await ConsoleTests.administrator(live)
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(browser, name: "Coffee \"<club>\"")
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let id = ProgramID(try #require(program.split(separator: "/").last?.removingPercentEncoding))
            let page = try await browser.get(program + "/edit")
            #expect(page.status == 200 && page.text.contains(#"value="Coffee &quot;&lt;club&gt;&quot;""#))
            #expect(page.text.contains(#"<option value="department" selected>"#), "the rule's category is selected")
            let counted = try await browser.post(program + "/edit", Self.fields(audience: "categories", expression: "Department = R&D",
                                                                                intent: "count"), from: program + "/edit")
            #expect(counted.status == 200 && counted.text.contains("2 members are in this audience now"), "\(counted.status)")
            #expect(try await ConsoleStatisticsTests.services(live).programs.program(id, tenant: tenant).name == "Coffee \"<club>\"",
                    "Count saves nothing")
            let saved = try await browser.post(program + "/edit", Self.fields(audience: "categories", expression: "Department = R&D"),
                                               from: program + "/edit")
            #expect(saved.status == 303 && saved.headers["location"] == program, "\(saved.status) \(saved.text)")
            let draft = try await ConsoleStatisticsTests.services(live).programs.program(id, tenant: tenant).draft
            #expect(draft.name == "Renamed" && draft.groupSize == 3 && draft.repeatWindow == 4 && draft.participationMode == .optIn)
            #expect(draft.rules == [.sameValue(category: "city"), .differentValue(category: "department")], "in priority order")
            guard case .categories(let expression) = draft.audience else {
                Issue.record("not a categories audience: \(draft.audience)")
                return
            }
            #expect(expression.matches(CategoryValues([.department: ["R&D"]])) && !expression.matches(CategoryValues([.department: ["Navy"]])))
            guard case .recurring(let weeks, let weekday, let time, let zone, _, _) = draft.schedule else {
                Issue.record("not recurring: \(draft.schedule)")
                return
            }
            #expect(weeks == 2 && weekday == 2 && time == TimeOfDay(hour: 10) && zone == "Europe/Paris")
            let shown = try await browser.get(program + "/edit")
            #expect(shown.text.contains(#"name="optInDays" value="2""#), "the opt-in period is shown back")
        }
    }

    @Test("a wrong value is refused with the form shown back, and changes nothing", arguments: [
        ConsoleProgramEditTests.fields(groupSize: "9"), ConsoleProgramEditTests.fields(groupSize: "two"),
        ConsoleProgramEditTests.fields(name: ""), ConsoleProgramEditTests.fields(audience: "categories", expression: "Department = ("),
        ConsoleProgramEditTests.fields(audience: "group"),
        ConsoleProgramEditTests.fields().map { $0.0 == "timeZone" ? ($0.0, "Mars/Olympus") : $0 },
        ConsoleProgramEditTests.fields().map { $0.0 == "ruleCategory0" ? ($0.0, "nope") : $0 },
        ConsoleProgramEditTests.fields().map { $0.0 == "optInDays" ? ($0.0, "0") : $0 },
    ])
    func refused(_ fields: [(String, String)]) async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(browser)
            let answer = try await browser.post(program + "/edit", fields, from: program + "/edit")
            #expect(answer.status == 400 && answer.text.contains("The program was not saved"), "\(answer.status)")
            #expect(!answer.text.contains("ProgramError") && !answer.text.contains("Coffee."), "no Swift type name")
            let id = ProgramID(try #require(program.split(separator: "/").last?.removingPercentEncoding))
            let stored = try await ConsoleStatisticsTests.services(live).programs.program(id, tenant: try await ConsoleStatisticsTests.tenant(live))
            #expect(stored.name == "Coffee" && stored.draft.groupSize == 2)
        }
    }

    @Test("edit refuses a POST without the CSRF token; another organisation's program answers 404")
    func securityAndIsolation() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(browser)
            let missing = try await PortalTests.post(browser.client, program + "/edit", Self.fields(), cookies: browser.cookies)
            #expect(missing.status == 403)
            let other = try await live.store.createTenant(name: "other")
            _ = try await ConsoleStatisticsTests.services(live).programs.create(tenant: other.id, at: Date(), id: ProgramID("their-program")) { _, _ in
                ProgramDraft(name: "Theirs", schedule: .once(at: Date().addingTimeInterval(86_400), optInOpensAt: nil))
            }
            #expect(try await browser.get("/admin/programs/their-program/edit").status == 404)
            let posted = try await browser.post("/admin/programs/their-program/edit", Self.fields(), from: program + "/edit")
            #expect(posted.status == 404)
            #expect(try await ConsoleStatisticsTests.services(live).programs.program(ProgramID("their-program"), tenant: other.id).name == "Theirs")
            let page = try await browser.get(program + "/edit")
            #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true && !page.text.contains("style=\""))
        }
    }
}
