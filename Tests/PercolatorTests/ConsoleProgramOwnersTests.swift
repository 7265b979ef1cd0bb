import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing
import TestSupport

/// Program owners in the console and the admin API over HTTP (issue 13, item 1): a
/// program manager sees and runs the programs it owns; another program's pages and forms
/// answer 404 (as if it did not exist) and change nothing; an administrator sets owners
/// among the organisation's console users; the admin API reads and writes `owners`.
@Suite("Admin console — program owners: a program manager sees its programs only")
struct ConsoleProgramOwnersTests {
    typealias Browser = ConsoleTests.Browser

    static func id(_ path: String) throws -> String {
        try #require(path.split(separator: "/").last?.removingPercentEncoding)
    }

    /// The administrator's edit form of `program` with `owners` ticked (and its other
    /// fields as ``ConsoleProgramEditTests/fields(name:groupSize:audience:expression:intent:)``).
    static func ownersForm(_ owners: [String], name: String = "Renamed") -> [(String, String)] {
        ConsoleProgramEditTests.fields(name: name) + [("ownersShown", "1")] + owners.map { ("owner", $0) }
    }

    @Test("a program manager sees its program; another's pages and forms answer 404 and change nothing; home shows its sessions only")
    func programManager() async throws {
        try await LiveServer.with { live in
            try await ConsoleStatisticsTests.addMembers(live, [("Ada", "R&D"), ("Alan", "R&D"), ("Grace", "Navy"), ("Kath", "NASA")])
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            _ = try await ConsoleTests.signInByLink(live, email: "other@example.com", role: .programManager)
            let admin = try await ConsoleTests.administrator(live)
            let (ours, oursSession) = try await ConsoleStatisticsTests.programWithSession(admin, name: "Ours")
            let (theirs, theirsSession) = try await ConsoleStatisticsTests.programWithSession(admin, name: "Theirs")
            for (program, owner, name) in [(ours, "pm@example.com", "Ours"), (theirs, "other@example.com", "Theirs")] {
                let set = try await admin.post(program + "/edit", Self.ownersForm([owner], name: name), from: program + "/edit")
                #expect(set.status == 303, "\(set.status) \(set.text)")
            }
            #expect(try await admin.post(theirs + "/activate", [], from: theirs).status == 303)
            #expect(try await admin.post(theirsSession + "/match", [], from: theirsSession).status == 303)
            let services = ConsoleStatisticsTests.services(live), tenant = try await ConsoleStatisticsTests.tenant(live)
            let theirID = ProgramID(try Self.id(theirs)), theirSessionID = SessionID(try Self.id(theirsSession))
            let before = (try await services.programs.program(theirID, tenant: tenant), try await services.programs.sessions(of: theirID, tenant: tenant, matchingAfter: nil, limit: 1_000))
            #expect(before.1.sessions.contains { $0.state == .matched })

            let list = try await manager.get("/admin/programs")
            #expect(list.status == 200 && list.text.contains(">Ours<") && !list.text.contains("Theirs"), "only its own program")
            let home = try await manager.get("/admin")
            #expect(home.text.contains(oursSession) && !home.text.contains("Theirs"), "home's next sessions: its programs' only\n\(home.text)")
            for path in [ours, ours + "/edit", ours + "/statistics", oursSession] {
                #expect(try await manager.get(path).status == 200, "\(path)")
            }
            for path in [theirs, theirs + "/edit", theirs + "/statistics", theirsSession, theirsSession + "/groups.csv"] {
                let page = try await manager.get(path)
                #expect(page.status == 404 && !page.text.contains("Theirs") && !page.text.contains("Ada"), "\(path): \(page.status)")
            }
            let matchAt = ConsoleEndpoints.format(Date().addingTimeInterval(10_800)).prefix(16).replacingOccurrences(of: " ", with: "T")
            for (path, fields) in [(theirs + "/edit", ConsoleProgramEditTests.fields(name: "Taken")), (theirs + "/pause", []),
                                   (theirs + "/archive", []), (theirs + "/resume", []), (theirs + "/activate", []),
                                   (theirs + "/sessions", [("matchAt", String(matchAt))]),
                                   (theirsSession + "/preview", [("seed", "7")]), (theirsSession + "/match", [])] {
                let answer = try await manager.post(path, fields, from: "/admin/programs")
                #expect(answer.status == 404 && !answer.text.contains("Theirs"), "\(path): \(answer.status)")
            }
            let after = (try await services.programs.program(theirID, tenant: tenant), try await services.programs.sessions(of: theirID, tenant: tenant, matchingAfter: nil, limit: 1_000))
            #expect(after.0 == before.0 && after.1 == before.1, "nothing changed")
            // The administrator still sees both.
            let all = try await admin.get("/admin/programs")
            #expect(all.text.contains(">Ours<") && all.text.contains(">Theirs<") && all.text.contains("other@example.com"))
        }
    }

    @Test("a program manager owns what it creates, reads its owners, and its form changes none")
    func createdAndReadOnly() async throws {
        try await LiveServer.with { live in
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            _ = try await ConsoleTests.signInByLink(live, email: "other@example.com", role: .programManager)
            let form = try await manager.get("/admin/programs")
            #expect(form.text.contains("You will own this program") && !form.text.contains(#"name="owner""#))
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(manager, name: "Mine")
            let services = ConsoleStatisticsTests.services(live), tenant = try await ConsoleStatisticsTests.tenant(live)
            let id = ProgramID(try Self.id(program))
            #expect(try await services.programs.owners(of: id, tenant: tenant).map(\.rawValue) == ["pm@example.com"])
            let edit = try await manager.get(program + "/edit")
            #expect(edit.status == 200 && edit.text.contains("Owned by pm@example.com.") && !edit.text.contains(#"name="owner""#))
            // A hand-made POST with owners changes none.
            let saved = try await manager.post(program + "/edit", Self.ownersForm(["other@example.com"]), from: program + "/edit")
            #expect(saved.status == 303, "\(saved.status) \(saved.text)")
            #expect(try await services.programs.owners(of: id, tenant: tenant).map(\.rawValue) == ["pm@example.com"])
            #expect(try await services.programs.program(id, tenant: tenant).name == "Renamed", "the rest was saved")
            let other = try await ConsoleTests.signInByLink(live, email: "other@example.com", role: .programManager)
            #expect(try await other.get(program).status == 404)
        }
    }

    @Test("an administrator ticks owners among the program managers; an address off the list, or another organisation's, is a 400 that changes nothing")
    func administratorSetsOwners() async throws {
        try await LiveServer.with { live in
            _ = try await ConsoleTests.signInByLink(live, email: "PM@Example.com", role: .programManager)
            let admin = try await ConsoleTests.administrator(live)
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(admin, name: "Coffee")
            let services = ConsoleStatisticsTests.services(live), tenant = try await ConsoleStatisticsTests.tenant(live)
            let id = ProgramID(try Self.id(program))
            let edit = try await admin.get(program + "/edit")
            #expect(edit.text.contains(#"name="owner" value="PM@Example.com""#) && edit.text.contains("No owner") == false)
            let other = try await live.store.createTenant(name: "other")
            let console = ConsoleService(persistence: live.server.persistence, accounts: live.store)
            _ = try await console.addAdministrator(email: "eve@other.example", role: .programManager, tenant: other.id, at: Date())
            for owners in [["stranger@example.com"], ["eve@other.example"], ["PM@Example.com", "not an address"]] {
                let refused = try await admin.post(program + "/edit", Self.ownersForm(owners), from: program + "/edit")
                #expect(refused.status == 400 && refused.text.contains("The program was not saved: every owner must be an administrator or a program manager"),
                        "\(owners): \(refused.status)")
            }
            #expect(try await services.programs.owners(of: id, tenant: tenant).isEmpty)
            #expect(try await services.programs.program(id, tenant: tenant).name == "Coffee", "a refused save changes nothing")
            let saved = try await admin.post(program + "/edit", Self.ownersForm(["PM@Example.com"]), from: program + "/edit")
            #expect(saved.status == 303)
            #expect(try await services.programs.owners(of: id, tenant: tenant).map(\.rawValue) == ["PM@Example.com"])
            let page = try await admin.get(program)
            #expect(page.text.contains("PM@Example.com"), "the program page names its owners")
            let shown = try await admin.get(program + "/edit")
            #expect(shown.text.contains(#"value="PM@Example.com" checked"#), "\(shown.text)")
            let cleared = try await admin.post(program + "/edit", Self.ownersForm([]), from: program + "/edit")
            #expect(cleared.status == 303)
            #expect(try await services.programs.owners(of: id, tenant: tenant).isEmpty, "no box ticked: no owners")
            // Created with owners ticked.
            let created = try await admin.post("/admin/programs", [("name", "Ticked"), ("groupSize", "2"), ("participation", "automatic"),
                                                                   ("rule", "none"), ("ownersShown", "1"), ("owner", "PM@Example.com")],
                                               from: "/admin/programs")
            let createdID = ProgramID(try Self.id(try #require(created.headers["location"], "\(created.status) \(created.text)")))
            #expect(try await services.programs.owners(of: createdID, tenant: tenant).map(\.normalized) == ["pm@example.com"])
            // Created with an owner removed from the console list since the form was shown:
            // the form says why, and no program is created.
            let before = try await services.programs.programs(tenant: tenant).count
            let unlisted = try await admin.post("/admin/programs", [("name", "Stale"), ("groupSize", "2"), ("participation", "automatic"),
                                                                    ("rule", "none"), ("ownersShown", "1"), ("owner", "gone@example.com")],
                                                from: "/admin/programs")
            #expect(unlisted.status == 400 && unlisted.text.contains("The program was not saved: every owner must be an administrator or a program manager"),
                    "\(unlisted.status)")
            #expect(unlisted.text.contains(#"value="Stale""#), "the form keeps what was typed")
            #expect(try await services.programs.programs(tenant: tenant).count == before)
        }
    }

    @Test("a program manager of another organisation with the same address sees none of this one's programs")
    func tenantIsolation() async throws {
        try await LiveServer.with { live in
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            let other = try await live.store.createTenant(name: "other")
            let services = ConsoleStatisticsTests.services(live)
            let console = ConsoleService(persistence: live.server.persistence, accounts: live.store)
            _ = try await console.addAdministrator(email: "pm@example.com", role: .programManager, tenant: other.id, at: Date())
            _ = try await services.programs.create(tenant: other.id, at: Date(), id: ProgramID("their-program"), owners: ["pm@example.com"]) { _, _ in
                ProgramDraft(name: "Theirs", schedule: .once(at: Date().addingTimeInterval(86_400), optInOpensAt: nil))
            }
            #expect(try await manager.get("/admin/programs/their-program").status == 404)
            #expect(try await manager.post("/admin/programs/their-program/archive", [], from: "/admin/programs").status == 404)
            #expect(!(try await manager.get("/admin/programs")).text.contains("Theirs"))
            #expect(try await services.programs.program(ProgramID("their-program"), tenant: other.id).status == .draft)
        }
    }

    @Test("the admin API reads and writes owners; an address off the console list is a 400 that changes nothing")
    func adminAPI() async throws {
        try await LiveServer.with { live in
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let console = ConsoleService(persistence: live.server.persistence, accounts: live.store)
            _ = try await console.addAdministrator(email: "Pat@Example.com", role: .programManager, tenant: tenant, at: Date())
            let admin = try live.client(token: live.adminToken)
            let schedule: JSONValue = ["type": "once", "at": .string(ConsoleEndpoints.format(Date().addingTimeInterval(86_400))
                .prefix(16).replacingOccurrences(of: " ", with: "T") + ":00Z")]
            let created = try await admin.post("/api/v1/programs", ["name": "Coffee", "schedule": schedule, "owners": ["pat@example.com"]])
            #expect(created.status == 201, "\(created.text)")
            #expect(created[attribute: "owners"] == ["Pat@Example.com"], "as the console list spells it")
            let id = try #require(created[attribute: "id"]?.stringValue)
            let read = try await admin.get("/api/v1/programs/\(id)")
            #expect(read[attribute: "owners"] == ["Pat@Example.com"])
            for bad: JSONValue in [["nobody@example.com"], "pat@example.com", [1]] {
                let refused = try await admin.patch("/api/v1/programs/\(id)", ["owners": bad, "name": "Renamed"])
                #expect(refused.status == 400, "\(bad): \(refused.text)")
            }
            let unchanged = try await admin.get("/api/v1/programs/\(id)")
            #expect(unchanged[attribute: "owners"] == ["Pat@Example.com"] && unchanged[attribute: "name"] == "Coffee")
            let cleared = try await admin.patch("/api/v1/programs/\(id)", ["owners": []])
            #expect(cleared.status == 200 && cleared[attribute: "owners"] == [])
            let list = AdminAPITests.items(try await admin.get("/api/v1/programs"))
            #expect(list.first?[attribute: "owners"] == [])
            let withoutOwners = try await admin.patch("/api/v1/programs/\(id)", ["name": "Kept"])
            #expect(withoutOwners.status == 200 && withoutOwners[attribute: "owners"] == [], "a PATCH without owners keeps them")
        }
    }
}
