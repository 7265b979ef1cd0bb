import Coffee
import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// Programs and sessions end to end: members provisioned over SCIM into a group, a
/// program on that group, sessions opened and matched through the admin API.
@Suite("Programs and sessions end to end")
struct ProgramSessionTests {
    static let enterprise = ProvisioningTransitionTests.enterprise
    /// ISO 8601 text of an instant, as the API takes it.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Creates `count` users with departments cycling over `departments`; returns their ids.
    static func provision(_ scim: SCIMTestClient, _ count: Int, prefix: String,
                          departments: [String] = ["Sales", "Tech", "Legal"]) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(try await scim.createUser("\(prefix)\(index)@example.com", extra: [
                ("schemas", [.string(SCIMSchemaURN.user), .string(enterprise)]),
                (enterprise, ["department": .string(departments[index % departments.count])]),
            ]))
        }
        return ids
    }

    static func program(groupID: String, matchAt: Date) -> JSONValue {
        [
            "name": "Coffee roulette",
            "audience": ["type": "group", "groupId": .string(groupID)],
            "groupSize": 2,
            "rules": [["type": "differentValue", "category": "department"]],
            "schedule": ["type": "once", "at": .string(iso(matchAt))],
        ]
    }

    static func groupedMembers(_ matches: JSONValue?) -> [[String]] {
        (matches?[attribute: "groups"]?.arrayValue ?? []).map { group in
            (group[attribute: "members"]?.arrayValue ?? []).compactMap { $0[attribute: "id"]?.stringValue }
        }
    }

    @Test("a member deactivated between opening and matching is not matched; one deprovisioned after stays in history, unavailable")
    func provisionedGroupMatched() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let members = try await Self.provision(scim, 7, prefix: "m")
            let outsider = try await scim.createUser("outsider@example.com")
            let group = try await scim.createGroup("Coffee club", members: members)

            let created = try await admin.post("/api/v1/programs", Self.program(groupID: group, matchAt: Date().addingTimeInterval(7_200)))
            #expect(created.status == 201, "\(created.text)")
            #expect(created[attribute: "status"] == "draft")
            let program = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)

            let session = try await admin.post("/api/v1/programs/\(program)/sessions",
                                               ["matchAt": .string(Self.iso(Date().addingTimeInterval(3_600)))])
            #expect(session.status == 201, "\(session.text)")
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            let path = "/api/v1/sessions/\(sessionID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sessionID)"
            #expect(try await admin.post("\(path)/open", [:])[attribute: "state"] == "open")

            // Deactivated by the IdP while the session is open.
            let deactivated = members[0]
            _ = try await scim.patch("/scim/v2/Users/\(deactivated)", SCIMBodies.patch([["op": "Replace", "path": "active", "value": "False"]]))

            let matched = try await admin.post("\(path)/match", [:])
            #expect(matched.status == 200, "\(matched.text)")
            #expect(matched[attribute: "state"] == "matched")
            #expect(matched[attribute: "match"]?[attribute: "participants"] == 6)
            #expect(try await admin.post("\(path)/match", [:]).status == 409, "a matched session is never matched again")

            let matches = try await admin.get("\(path)/matches")
            let groups = Self.groupedMembers(matches.json)
            let placed = groups.flatMap { $0 }
            #expect(Set(placed) == Set(members.dropFirst()), "every eligible group member exactly once, nobody else")
            #expect(placed.count == 6)
            #expect(!placed.contains(deactivated) && !placed.contains(outsider))
            #expect(groups.allSatisfy { $0.count == 2 })
            // Departments cycle Sales, Tech, Legal: every pair can be cross-department.
            #expect(matches[attribute: "statistics"]?[attribute: "ruleSatisfaction"]?.arrayValue?.first?[attribute: "satisfiedPairs"] == 3)

            // Page by page (a session of 100,000 members is read this way): the same groups,
            // each once, in order; `next` absent on the last page.
            #expect(matches[attribute: "groupCount"] == 3 && matches[attribute: "next"] == nil)
            var paged: [[String]] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await admin.get("\(path)/matches?limit=2" + (cursor.map { "&after=\($0)" } ?? ""))
                #expect(page.status == 200, "\(page.text)")
                paged += Self.groupedMembers(page.json)
                cursor = page[attribute: "next"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 5
            #expect(paged == groups && pages == 2)
            #expect(try await admin.get("\(path)/matches?limit=2&after=3")[attribute: "groups"]?.arrayValue?.isEmpty == true)

            // Deprovisioned after matching: the group is unchanged, the member marked unavailable.
            let leaving = try #require(groups.first?.first)
            #expect(try await scim.delete("/scim/v2/Users/\(leaving)").status == 204)
            let after = try await admin.get("\(path)/matches")
            #expect(Self.groupedMembers(after.json) == groups)
            let entry = after[attribute: "groups"]?.arrayValue?.first?[attribute: "members"]?.arrayValue?.first
            #expect(entry?[attribute: "unavailable"] == true)

            // One introduction per group in the outbox, stored compact — the members' ids
            // (issue 16) — and named when read, as the members are then: the one who left
            // is named but no longer emailed.
            let intros = try await admin.get("/api/v1/events?kind=MatchIntroRequested")
            let items = intros.json?[attribute: "items"]?.arrayValue ?? []
            #expect(items.count == 3)
            let emails = items.compactMap { $0[attribute: "details"]?[attribute: "emails"]?.stringValue }.flatMap { $0.split(separator: ",") }
            #expect(emails.count == 5 && emails.allSatisfy { $0.hasSuffix("@example.com") }, "\(emails)")
            let names = items.compactMap { $0[attribute: "details"]?[attribute: "names"]?.stringValue }.joined(separator: ", ")
            #expect(names.components(separatedBy: "Given ").count == 7, "\(names)")
            let tenant = try #require(try await live.store.tenants().first).id
            let stored = try await live.server.persistence.read { tx in
                try tx.outbox.page(tenant: tenant, after: 0, limit: 100, kind: EventKind.matchIntroRequested.rawValue)
            }
            #expect(stored.count == 3 && stored.allSatisfy { entry in
                entry.payload.introduction.map { $0.isCompact && $0.members.allSatisfy { $0.email == nil && $0.givenName.isEmpty } } ?? false
            })

            let statistics = try await admin.get("/api/v1/programs/\(program)/statistics")
            #expect(statistics[attribute: "sessions"] == 1)
            #expect(statistics[attribute: "participants"] == 6)

            // The audience group deleted: the program is paused, never emptied silently.
            _ = try await scim.delete("/scim/v2/Groups/\(group)")
            let paused = try await admin.get("/api/v1/programs/\(program)")
            #expect(paused[attribute: "status"] == "paused")
            #expect(paused[attribute: "pause"]?[attribute: "reason"] == "audienceGroupDeleted")
        }
    }

    @Test("preview with a seed is reproducible and saves nothing")
    func preview() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let members = try await Self.provision(scim, 9, prefix: "p")
            let group = try await scim.createGroup("Preview club", members: members)
            let program = try await admin.post("/api/v1/programs", Self.program(groupID: group, matchAt: Date().addingTimeInterval(7_200)))
            let id = try #require(program[attribute: "id"]?.stringValue)
            let session = try await admin.post("/api/v1/programs/\(id)/sessions",
                                               ["matchAt": .string(Self.iso(Date().addingTimeInterval(3_600)))])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            let first = try await admin.post("/api/v1/sessions/\(sessionID)/preview?seed=42", [:])
            let second = try await admin.post("/api/v1/sessions/\(sessionID)/preview?seed=42", [:])
            #expect(first.status == 200, "\(first.text)")
            #expect(Self.groupedMembers(first.json) == Self.groupedMembers(second.json))
            #expect(first[attribute: "saved"] == false)
            let groups = Self.groupedMembers(first.json)
            #expect(groups.map(\.count).sorted() == [2, 2, 2, 3], "9 people in pairs: three pairs and a trio")
            #expect(try await admin.get("/api/v1/sessions/\(sessionID)")[attribute: "state"] == "scheduled")
            #expect(try await admin.get("/api/v1/sessions/\(sessionID)/matches").status == 404)
            // An archived program's sessions are no longer matched.
            #expect(try await admin.post("/api/v1/programs/\(id)/archive", [:]).status == 200)
            let refused = try await admin.post("/api/v1/sessions/\(sessionID)/match", [:])
            #expect(refused.status == 409, "\(refused.text)")
        }
    }

    @Test("programs: wrong-typed schedule and rule fields are refused, not defaulted; weights and repeat windows that would overflow the matcher are refused")
    func wrongTypesAndOverflows() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            _ = try await Self.provision(scim, 5, prefix: "o")
            let future = JSONValue.string(Self.iso(Date().addingTimeInterval(3_600)))
            let once: JSONValue = ["type": "once", "at": future]
            let huge = JSONValue.integer(Int64.max)
            for body: JSONValue in [
                ["name": "x", "schedule": ["type": "recurring", "timezone": [:]]],
                ["name": "x", "schedule": ["type": "recurring", "time": 930]],
                ["name": "x", "schedule": once, "rules": [["type": "sameValue", "category": "department", "fallback": 5]]],
                ["name": "x", "schedule": once, "rules": [["type": "differentValue", "category": "department", "weight": huge]]],
                ["name": "x", "schedule": once, "rules": [["type": "differentValue", "category": "department", "weight": -1]]],
                ["name": "x", "schedule": once, "rules": [["type": "allowPair", "categoryA": "department", "valueA": "Sales",
                                                          "categoryB": "department", "valueB": "Tech", "bonus": 1_001]]],
                ["name": "x", "schedule": once, "repeatWindow": huge],
            ] {
                let response = try await admin.post("/api/v1/programs", body)
                #expect(response.status == 400, "\(body): \(response.status) \(response.text)")
            }
            #expect(try await admin.get("/api/v1/programs").json?[attribute: "items"] == [])

            // At the bounds, the matcher runs (it used to trap on overflow and take the server down).
            let rule: JSONValue = ["type": "differentValue", "category": "department", "weight": 1_000]
            let created = try await admin.post("/api/v1/programs", ["name": "Bounds", "schedule": once,
                                                                     "rules": [rule, rule, rule], "repeatWindow": 1_000])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            let session = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": future])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            let preview = try await admin.post("/api/v1/sessions/\(sessionID)/preview", [:])
            #expect(preview.status == 200, "\(preview.text)")
            #expect(Self.groupedMembers(preview.json).flatMap { $0 }.count == 5)
            #expect(try await admin.post("/api/v1/sessions/\(sessionID)/match", [:]).status == 200)
        }
    }

    @Test("the scheduler creates, opens and matches a recurring program's round once, and catches up after downtime")
    func scheduler() async throws {
        // The server's own ticks wait an hour: only this test's ticks run.
        try await LiveServer.with({ $0.schedulerInterval = .seconds(3_600) }) { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let members = try await Self.provision(scim, 4, prefix: "s")
            _ = members
            let start = Date()
            let created = try await admin.post("/api/v1/programs", [
                "name": "Weekly", "audience": ["type": "all"],
                "schedule": ["type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:00", "timezone": "Europe/Paris",
                             "optInWindowHours": 24, "startingFrom": .string(Self.iso(start))],
            ])
            #expect(created.status == 201, "\(created.text)")
            let program = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/programs/\(program)/activate", [:]).status == 200)
            let scheduler = live.server.scheduler
            // Activation planned the first round (issue 16, defect 5): the tick has nothing to create.
            #expect(try await admin.get("/api/v1/programs/\(program)/sessions").json?[attribute: "items"]?.arrayValue?.count == 1)
            #expect(try await scheduler.tick(at: start).isEmpty, "nothing twice")
            // Three weeks later (the server was down): the overdue round is matched once.
            let later = try await scheduler.tick(at: start.addingTimeInterval(21 * 86_400))
            #expect(later.filter { $0.hasPrefix("matched") }.count == 1, "\(later)")
            let sessions = try await admin.get("/api/v1/programs/\(program)/sessions").json?[attribute: "items"]?.arrayValue ?? []
            #expect(sessions.filter { $0[attribute: "state"] == "matched" }.count == 1)
            #expect(sessions.contains { $0[attribute: "state"] == "scheduled" || $0[attribute: "state"] == "open" },
                    "the next round is planned")
            #expect(try await scheduler.tick(at: start.addingTimeInterval(21 * 86_400)).isEmpty)
        }
    }

    @Test("programs: invalid definitions refused with what is wrong; another tenant sees 404")
    func validationAndIsolation() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let future = JSONValue.string(Self.iso(Date().addingTimeInterval(3_600)))
            for body: JSONValue in [
                ["schedule": ["type": "once", "at": future]],
                ["name": "x", "schedule": ["type": "once", "at": future], "groupSize": 9],
                ["name": "x", "schedule": ["type": "weekly"]],
                ["name": "x", "schedule": ["type": "once", "at": future], "audience": ["type": "categories", "expression": "City in (Paris"]],
                ["name": "x", "schedule": ["type": "once", "at": future], "audience": ["type": "group", "groupId": "nope"]],
                ["name": "x", "schedule": ["type": "once", "at": future], "rules": [["type": "sameValue"]]],
                ["name": "x", "schedule": ["type": "once", "at": future],
                 "rules": .array(Array(repeating: ["type": "differentValue", "category": "Department"], count: 21))],
            ] {
                let response = try await admin.post("/api/v1/programs", body)
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response[attribute: "detail"]?.stringValue?.isEmpty == false)
            }
            #expect(try await admin.get("/api/v1/programs").json?[attribute: "items"] == [])
            let created = try await admin.post("/api/v1/programs", ["name": "Mine", "schedule": ["type": "once", "at": future],
                "audience": ["type": "categories", "expression": "City in (Paris, Lyon) and not Department = HR"]])
            #expect(created.status == 201, "\(created.text)")
            // Labels resolve to the categories' keys (issue 16, defect 3).
            #expect(created[attribute: "audience"]?[attribute: "expression"] == "city in (Paris, Lyon) and not department = HR")
            let id = try #require(created[attribute: "id"]?.stringValue)
            let session = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": future])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            let other = try await live.store.createTenant(name: "other")
            let token = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil)
            let outsider = try live.client(token: token.plaintext)
            for (method, path) in [("GET", "/api/v1/programs/\(id)"), ("PATCH", "/api/v1/programs/\(id)"),
                                   ("POST", "/api/v1/programs/\(id)/activate"), ("GET", "/api/v1/programs/\(id)/sessions"),
                                   ("POST", "/api/v1/programs/\(id)/sessions"), ("GET", "/api/v1/programs/\(id)/statistics"),
                                   ("GET", "/api/v1/sessions/\(sessionID)"), ("POST", "/api/v1/sessions/\(sessionID)/open"),
                                   ("POST", "/api/v1/sessions/\(sessionID)/match"), ("POST", "/api/v1/sessions/\(sessionID)/preview"),
                                   ("POST", "/api/v1/sessions/\(sessionID)/cancel"), ("GET", "/api/v1/sessions/\(sessionID)/matches")] {
                let body: JSONValue? = method == "GET" ? nil : (path.hasSuffix("/sessions") ? ["matchAt": future] : [:])
                let response = try await outsider.send(method, path, body: body)
                #expect(response.status == 404, "\(method) \(path): \(response.status) \(response.text)")
            }
            #expect(try await admin.get("/api/v1/sessions/\(sessionID)")[attribute: "state"] == "scheduled")
        }
    }

    @Test("a member who left a program is left out; an avoid list keeps two members apart; another tenant gets 404")
    func programPreferences() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            let ids = try await Self.provision(scim, 5, prefix: "pref")
            let future = JSONValue.string(Self.iso(Date().addingTimeInterval(3_600)))
            let created = try await admin.post("/api/v1/programs", ["name": "Prefs", "audience": ["type": "all"],
                                                                    "schedule": ["type": "once", "at": future]])
            let program = try #require(created[attribute: "id"]?.stringValue)
            let left = try await admin.patch("/api/v1/programs/\(program)/members/\(ids[4])", ["left": true])
            #expect(left.status == 200, "\(left.text)")
            #expect(left[attribute: "left"] == true)
            let avoid = try await admin.patch("/api/v1/programs/\(program)/members/\(ids[0])", ["avoid": [.string(ids[1])]])
            #expect(avoid[attribute: "avoid"] == [.string(ids[1])])
            #expect(try await admin.patch("/api/v1/programs/\(program)/members/\(ids[0])", ["avoid": ["nobody"]]).status == 400)
            let session = try await admin.post("/api/v1/programs/\(program)/sessions", ["matchAt": future])
            let sessionID = try #require(session[attribute: "id"]?.stringValue)
            for seed in 0..<8 {
                let preview = try await admin.post("/api/v1/sessions/\(sessionID)/preview?seed=\(seed)", [:])
                let groups = Self.groupedMembers(preview.json)
                #expect(!groups.flatMap { $0 }.contains(ids[4]))
                #expect(!groups.contains { $0.contains(ids[0]) && $0.contains(ids[1]) }, "seed \(seed): \(groups)")
                let excluded = preview[attribute: "excluded"]?.arrayValue ?? []
                #expect(excluded.contains { $0[attribute: "id"] == .string(ids[4]) && $0[attribute: "reasons"] == ["optedOut"] })
            }
            let other = try await live.store.createTenant(name: "other")
            let token = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil)
            let outsider = try live.client(token: token.plaintext)
            #expect(try await outsider.get("/api/v1/programs/\(program)/members/\(ids[0])").status == 404)
            #expect(try await outsider.patch("/api/v1/programs/\(program)/members/\(ids[0])", ["left": true]).status == 404)
        }
    }
}
