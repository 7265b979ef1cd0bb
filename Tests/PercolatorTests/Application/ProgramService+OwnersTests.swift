import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// Program owners in the services, without HTTP (issue 13, item 1): a program manager
/// lists and reaches only the programs it owns; anything else answers not found and
/// changes nothing; it owns what it creates; only administrators set owners, and an owner
/// must be a console user of the same tenant.
@Suite("ProgramService and SessionService — program owners without HTTP")
struct ProgramServiceOwnersTests {
    static let t1 = ServiceFixture.t1, t2 = ServiceFixture.t2, now = ServiceFixture.now
    static let pat = ProgramViewer.programManager(EmailAddress(stored: "pat@example.com"))
    static let sam = ProgramViewer.programManager(EmailAddress(stored: "Sam@Example.com"))

    /// Services over a fixture whose t1 lists pat and sam (program managers) and boss
    /// (administrator), and t2 lists eve; with pat's program `mine`, sam's `theirs` (each
    /// with a session at `now + 1 day`) and `nobody's`, which has no owner.
    static func with(_ body: (ApplicationServices, [ProgramID: SessionID], ConsoleService) async throws -> Void) async throws {
        try await ServiceFixture.with { fixture in
            let services = ApplicationServices(persistence: fixture.persistence, matcher: SessionMatcher(persistence: fixture.persistence),
                                               invitationLifetime: 3_600)
            let console = ConsoleService(persistence: fixture.persistence, accounts: fixture.store)
            for (email, role, tenant) in [("pat@example.com", ConsoleRole.programManager, t1), ("sam@example.com", .programManager, t1),
                                          ("boss@example.com", .administrator, t1), ("eve@example.com", .programManager, t2)] {
                _ = try await console.addAdministrator(email: email, role: role, tenant: tenant, at: now)
            }
            var sessions: [ProgramID: SessionID] = [:]
            for (id, viewer) in [("mine", pat), ("theirs", sam), ("nobody's", ProgramViewer.administrator)] {
                let program = try await services.programs.create(tenant: t1, at: now, id: ProgramID(id), by: viewer, ServiceFixture.draft(id))
                sessions[program.id] = try await services.programs.addSession(to: program.id, matchAt: now.addingTimeInterval(86_400),
                                                                              tenant: t1, at: now, by: viewer).id
            }
            try await body(services, sessions, console)
        }
    }

    @Test("a program manager lists the programs it owns (addresses compared case-insensitively); an administrator lists all")
    func lists() async throws {
        try await Self.with { services, _, console in
            #expect(try await services.programs.programs(tenant: Self.t1, visibleTo: Self.pat).map(\.id.rawValue) == ["mine"])
            #expect(try await services.programs.programs(tenant: Self.t1, visibleTo: Self.sam).map(\.id.rawValue) == ["theirs"])
            #expect(try await services.programs.programs(tenant: Self.t1).count == 3)
            let shouting = ProgramViewer.programManager(EmailAddress(stored: "PAT@EXAMPLE.COM"))
            #expect(try await services.programs.program(ProgramID("mine"), tenant: Self.t1, visibleTo: shouting).name == "mine")
            #expect(try await services.programs.owners(of: ProgramID("mine"), tenant: Self.t1).map(\.rawValue) == ["pat@example.com"],
                    "a program manager owns what it creates")
            #expect(try await services.programs.owners(of: ProgramID("nobody's"), tenant: Self.t1).isEmpty,
                    "an administrator's program starts with no owner")
            let overview = try await console.overview(tenant: Self.t1, at: Self.now, visibleTo: Self.pat)
            #expect(overview.nextSessions.map(\.session.programID.rawValue) == ["mine"], "home's next sessions: its programs only")
        }
    }

    /// Every program or session action a console page calls, for `viewer` on program `id`
    /// and its session.
    static let actions: [(String, @Sendable (ApplicationServices, ProgramViewer, ProgramID, SessionID) async throws -> Void)] = [
        ("program", { s, v, p, _ in _ = try await s.programs.program(p, tenant: t1, visibleTo: v) }),
        ("owners", { s, v, p, _ in _ = try await s.programs.owners(of: p, tenant: t1, visibleTo: v) }),
        ("edit", { s, v, p, _ in _ = try await s.programs.update(p, tenant: t1, at: now, by: v, ServiceFixture.draft("Taken")) }),
        ("activate", { s, v, p, _ in _ = try await s.programs.perform(.activate, on: p, tenant: t1, at: now, by: v) }),
        ("pause", { s, v, p, _ in _ = try await s.programs.perform(.pause, on: p, tenant: t1, at: now, by: v) }),
        ("archive", { s, v, p, _ in _ = try await s.programs.perform(.archive, on: p, tenant: t1, at: now, by: v) }),
        ("sessions", { s, v, p, _ in _ = try await s.programs.sessions(of: p, tenant: t1, matchingAfter: nil, limit: 100, visibleTo: v) }),
        ("add a session", { s, v, p, _ in _ = try await s.programs.addSession(to: p, matchAt: now.addingTimeInterval(7_200), tenant: t1, at: now, by: v) }),
        ("statistics", { s, v, p, _ in _ = try await s.programs.statistics(of: p, last: 5, tenant: t1, visibleTo: v) }),
        ("feedback", { s, v, p, _ in _ = try await s.programs.feedbackStatistics(of: p, last: 5, tenant: t1, visibleTo: v) }),
        ("figures", { s, v, p, _ in _ = try await s.programs.sessionFigures(of: p, last: 5, tenant: t1, visibleTo: v) }),
        ("connections", { s, v, p, _ in _ = try await s.programs.connections(of: p, last: 5, category: "department", tenant: t1, visibleTo: v) }),
        ("session", { s, v, _, i in _ = try await s.sessions.session(i, tenant: t1, visibleTo: v) }),
        ("open", { s, v, _, i in _ = try await s.sessions.open(i, tenant: t1, at: now, by: v) }),
        ("cancel", { s, v, _, i in _ = try await s.sessions.cancel(i, tenant: t1, at: now, by: v) }),
        ("preview", { s, v, _, i in _ = try await s.sessions.preview(i, seed: 7, tenant: t1, at: now, by: v) }),
        ("match", { s, v, _, i in _ = try await s.sessions.match(i, tenant: t1, at: now, by: v) }),
        ("matches", { s, v, _, i in _ = try await s.sessions.matches(of: i, tenant: t1, visibleTo: v) }),
    ]

    @Test("every program and session action on a program the manager does not own is not found, and changes nothing",
          arguments: ["theirs", "nobody's"])
    func notOwned(program: String) async throws {
        try await Self.with { services, sessions, _ in
            let id = ProgramID(program), session = try #require(sessions[id])
            let before = (try await services.programs.program(id, tenant: Self.t1), try await services.programs.sessions(of: id, tenant: Self.t1, matchingAfter: nil, limit: 1_000))
            for (name, action) in Self.actions {
                let error = await #expect(throws: ServiceError.self, "\(name)") { try await action(services, Self.pat, id, session) }
                guard case .notFound(let detail) = error else {
                    Issue.record("\(name): \(String(describing: error))")
                    continue
                }
                #expect(detail == "Program '\(program)' not found." || detail == "Session '\(session.rawValue)' not found.",
                        "\(name): the same answer as for an id that does not exist")
            }
            let after = (try await services.programs.program(id, tenant: Self.t1), try await services.programs.sessions(of: id, tenant: Self.t1, matchingAfter: nil, limit: 1_000))
            #expect(after.0 == before.0 && after.1 == before.1, "nothing changed")
        }
    }

    @Test("the owner reaches its program through every action")
    func owned() async throws {
        try await Self.with { services, sessions, _ in
            let id = ProgramID("mine"), session = try #require(sessions[id])
            // In the order that keeps every action possible: archive last, match after preview.
            for (name, action) in Self.actions where !["cancel", "match", "matches"].contains(name) {
                do {
                    try await action(services, Self.pat, id, session)
                } catch ServiceError.notFound(let detail) {
                    Issue.record("\(name) was refused to the owner: \(detail)")
                } catch {
                    // Another refusal (a transition not allowed in this state, a category the
                    // tenant lacks) is not about who may see the program.
                }
            }
        }
    }

    @Test("only an administrator sets owners; an owner must be a console user of the same tenant")
    func settingOwners() async throws {
        try await Self.with { services, _, _ in
            let id = ProgramID("mine")
            for attempt in [{ try await services.programs.setOwners(["sam@example.com"], of: id, tenant: Self.t1, by: Self.pat) },
                            { _ = try await services.programs.update(id, tenant: Self.t1, at: Self.now, owners: [], by: Self.pat, ServiceFixture.draft()) },
                            { _ = try await services.programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("new"), owners: ["sam@example.com"],
                                                                     by: Self.pat, ServiceFixture.draft()) }] {
                await #expect(throws: ServiceError.forbidden("Only an administrator changes a program's owners.")) { try await attempt() }
            }
            for (owners, refused) in [(["eve@example.com"], "eve@example.com"), (["nobody@example.com"], "nobody@example.com"),
                                      (["pat@example.com", "not an address"], "not an address")] {
                let error = await #expect(throws: ServiceError.self) {
                    _ = try await services.programs.update(id, tenant: Self.t1, at: Self.now, owners: owners, ServiceFixture.draft("Renamed"))
                }
                guard case .invalid(let detail) = error else { Issue.record("\(String(describing: error))"); continue }
                #expect(detail.contains("'\(refused)'"), "\(detail)")
            }
            #expect(try await services.programs.program(id, tenant: Self.t1).name == "mine", "a refused edit changes nothing")
            #expect(try await services.programs.owners(of: id, tenant: Self.t1).map(\.rawValue) == ["pat@example.com"])
            _ = try await services.programs.update(id, tenant: Self.t1, at: Self.now, owners: ["SAM@example.com", "boss@example.com"],
                                                   ServiceFixture.draft("Shared"))
            #expect(try await services.programs.owners(of: id, tenant: Self.t1).map(\.rawValue) == ["boss@example.com", "sam@example.com"])
            #expect(try await services.programs.programs(tenant: Self.t1, visibleTo: Self.pat).isEmpty, "pat no longer owns it")
            #expect(try await services.programs.programs(tenant: Self.t1, visibleTo: Self.sam).map(\.name).sorted() == ["Shared", "theirs"])
            try await services.programs.setOwners([], of: id, tenant: Self.t1)
            #expect(try await services.programs.owners(of: id, tenant: Self.t1).isEmpty)
        }
    }
}
