import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// `GET /api/v1/programs/{id}/statistics/connections` (issue 13, item 8): the matrix the
/// console's statistics page draws, through the same ``ProgramService`` call; an unknown
/// category is 400 naming the known ones, another organisation's program 404.
@Suite("Admin API — a program's connections matrix over a category")
struct AdminConnectionsMatrixTests {
    @Test("the matrix over a matched session equals the console's; by key or label; last; 400 naming the known categories; 404")
    func connections() async throws {
        try await LiveServer.with { live in
            try await ConsoleStatisticsTests.addMembers(live, [("Ada", "R&D"), ("Alan", "R&D"), ("Grace", "Navy"), ("Kath", "NASA"),
                                                               ("Edsger", nil), ("Barbara", "R&D")])
            let browser = try await ConsoleTests.administrator(live)
            let (program, session) = try await ConsoleStatisticsTests.programWithSession(browser)
            let id = try #require(program.split(separator: "/").last.map(String.init))
            let admin = try live.client(token: live.adminToken)
            let path = "/api/v1/programs/\(id)/statistics/connections"

            let before = try await admin.get(path + "?category=department")
            #expect(before.status == 200 && before[attribute: "pairs"] == 0 && before[attribute: "values"] == .array([]), "\(before.text)")
            #expect(before[attribute: "acrossRate"] == .null)
            #expect(try await browser.post(session + "/match", [], from: session).status == 303)

            let answer = try await admin.get(path + "?category=department&last=3")
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer[attribute: "category"] == "department" && answer[attribute: "last"] == 3 && answer[attribute: "pairs"] == 3)
            #expect(answer[attribute: "values"] == .array(["NASA", "Navy", "R&D", .null]), "\(answer.text)")
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let matrix = try await ConsoleStatisticsTests.services(live).programs.connections(of: ProgramID(id), last: 3,
                                                                                             category: "department", tenant: tenant)
            let cells = JSONValue.array(matrix.values.map { a in .array(matrix.values.map { b in .integer(Int64(matrix.count(a, b))) }) })
            #expect(answer[attribute: "cells"] == cells, "the console's figures")
            #expect(matrix.pairs == 3)
            let byLabel = try await admin.get(path + "?category=Department")
            #expect(byLabel.status == 200 && byLabel[attribute: "cells"] == cells)

            // A label with nothing left once folded (schemathesis made one) is no wildcard for a missing category.
            #expect(try await admin.post("/api/v1/categories", ["key": "dash", "label": "-"]).status == 201)
            for bad in ["?category=shoe", "", "?category=", "?category=%20", "?category=department&last=0", "?category=department&last=x"] {
                let refused = try await admin.get(path + bad)
                #expect(refused.status == 400, "\(bad): \(refused.text)")
                if !bad.contains("last") {
                    #expect(refused[attribute: "detail"]?.stringValue?.contains("the known categories are") == true
                            && refused.text.contains("department (Department)"), "\(refused.text)")
                }
            }
            let other = try await live.store.createTenant(name: "other")
            let theirs = try await ConsoleStatisticsTests.services(live).programs.create(tenant: other.id, at: Date(),
                                                                                         id: ProgramID("their-program")) { _, _ in
                ProgramDraft(name: "Theirs", schedule: .once(at: Date().addingTimeInterval(86_400), optInOpensAt: nil))
            }
            let hidden = try await admin.get("/api/v1/programs/\(theirs.id.rawValue)/statistics/connections?category=department")
            #expect(hidden.status == 404 && !hidden.text.contains("Theirs"))
            #expect(try await live.client().get(path + "?category=department").status == 401, "the SCIM token is no admin token")
        }
    }

    @Test("a category with more values than the matrix draws is 400 in the API and a sentence in the console, not millions of cells")
    func tooManyValues() async throws {
        try await LiveServer.with { live in
            // One department per member: 62 values (the limit is 60).
            try await ConsoleStatisticsTests.addMembers(live, (1...62).map { ("Person\($0)", "Dept\($0)") })
            let browser = try await ConsoleTests.administrator(live)
            let (program, session) = try await ConsoleStatisticsTests.programWithSession(browser)
            #expect(try await browser.post(session + "/match", [], from: session).status == 303)
            let id = try #require(program.split(separator: "/").last.map(String.init))
            let admin = try live.client(token: live.adminToken)
            let refused = try await admin.get("/api/v1/programs/\(id)/statistics/connections?category=department")
            #expect(refused.status == 400, "\(refused.text)")
            #expect(refused[attribute: "detail"]?.stringValue?.contains("has 62 values") == true, "\(refused.text)")
            let page = try await browser.get(program + "/statistics?category=department")
            #expect(page.status == 200)
            #expect(page.text.contains("This category has 62 values among these sessions") && page.text.contains("too many to draw. Choose one with at most 60."),
                    "\(page.text.prefix(300))")
            #expect(!page.text.contains("Dept17</th>"), "no row or column drawn")
        }
    }
}
