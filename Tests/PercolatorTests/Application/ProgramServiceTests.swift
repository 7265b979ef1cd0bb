import Coffee
import Foundation
@testable import Percolator
import Store
import Synchronization
import Testing

/// The program rules that lived in HTTP closures, reached without a server.
@Suite("ProgramService — program rules without HTTP")
struct ProgramServiceTests {
    static let t1 = ServiceFixture.t1
    static let t2 = ServiceFixture.t2
    static let now = ServiceFixture.now

    @Test("an archived program takes no new session; a live one takes one per matching time")
    func archivedTakesNoSession() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            let matchAt = Self.now.addingTimeInterval(86_400)
            let session = try await service.addSession(to: program.id, matchAt: matchAt, tenant: Self.t1, at: Self.now)
            #expect(session.programID == program.id)
            await #expect(throws: ServiceError.self) {
                try await service.addSession(to: program.id, matchAt: matchAt, tenant: Self.t1, at: Self.now)
            }
            _ = try await service.perform(.archive, on: program.id, tenant: Self.t1, at: Self.now)
            let refusal = await #expect(throws: ServiceError.self) {
                try await service.addSession(to: program.id, matchAt: matchAt.addingTimeInterval(3_600), tenant: Self.t1, at: Self.now)
            }
            #expect(refusal == .conflict("The program is archived; it takes no new session."))
            #expect(try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions.count == 1)
        }
    }

    @Test("a session in the past is refused before anything is read")
    func pastSession() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            let refusal = await #expect(throws: ServiceError.self) {
                try await service.addSession(to: ProgramID("nope"), matchAt: Self.now, tenant: Self.t1, at: Self.now)
            }
            #expect(refusal == .invalid("'matchAt' must be in the future."))
            // Nor one in the year 9999 or later: instants have four-digit years.
            let late = await #expect(throws: ServiceError.self) {
                try await service.addSession(to: ProgramID("nope"), matchAt: Date(timeIntervalSince1970: 253_402_300_799),
                                             tenant: Self.t1, at: Self.now)
            }
            #expect(late == .invalid("'matchAt' must be before the year 9999 (dates from 9999 on are not taken)."))
        }
    }

    @Test("another tenant's program is not found, whatever the action")
    func tenantIsolation() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            await #expect(throws: ServiceError.notFound("Program 'p1' not found.")) {
                try await service.program(program.id, tenant: Self.t2)
            }
            await #expect(throws: ServiceError.notFound("Program 'p1' not found.")) {
                try await service.perform(.activate, on: program.id, tenant: Self.t2, at: Self.now)
            }
            await #expect(throws: ServiceError.notFound("Program 'p1' not found.")) {
                try await service.update(program.id, tenant: Self.t2, at: Self.now, ServiceFixture.draft("Other"))
            }
            #expect(try await service.programs(tenant: Self.t2).isEmpty)
        }
    }

    @Test("a group audience must be a group of the tenant")
    func unknownGroup() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            let refusal = await #expect(throws: ServiceError.self) {
                try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"),
                                         ServiceFixture.draft(audience: .group(GroupID("g-missing"))))
            }
            #expect(refusal == .invalid("The audience group 'g-missing' is not a SCIM group of this organisation."))
            let stored = try await service.programs(tenant: Self.t1)
            #expect(stored.isEmpty, "nothing was written")
        }
    }

    @Test("a rule on a category the tenant does not have is refused, and a label resolves to its key")
    func ruleCategories() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            await #expect(throws: ProgramError.self) {
                try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"),
                                         ServiceFixture.draft(rules: [.differentValue(category: "departement")]))
            }
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p2"),
                                                   ServiceFixture.draft(rules: [.differentValue(category: "Department")]))
            #expect(program.draft.rules == [.differentValue(category: "department")])
        }
    }

    @Test("a new schedule of an active program supersedes the session planned on the old one and plans the next on the new; a past one is refused")
    func scheduleEditReplans() async throws {
        try await ServiceFixture.with { fixture in
            var service = ProgramService(persistence: fixture.persistence)
            let steps = Mutex<[String]>([])
            service.log = SchedulerLog(write: { line in steps.withLock { $0.append(line) } })
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            _ = try await service.perform(.activate, on: program.id, tenant: Self.t1, at: Self.now)
            let planned = try #require(try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions.first)

            // Mondays 09:30 Paris → Wednesdays 10:00.
            let updated = try await service.update(program.id, tenant: Self.t1, at: Self.now) { _, timeZone in
                ProgramDraft(name: "Coffee", schedule: .recurring(everyWeeks: 1, weekday: 3, time: TimeOfDay(hour: 10, minute: 0),
                                                                  timeZoneIdentifier: timeZone, optInWindow: 0, startingFrom: Self.now))
            }
            let sessions = try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions
            let old = try #require(sessions.first { $0.id == planned.id })
            #expect(old.state == .cancelled && old.cancellationReason == .superseded)
            let next = try #require(sessions.first { $0.state.isPending })
            #expect(next.matchAt == updated.schedule.nextMatchTime(after: Self.now))
            #expect(sessions.count == 2)
            #expect(steps.withLock { $0 }.contains { $0.contains("superseded") && $0.contains(planned.id.rawValue) })

            // A past one-time schedule: refused as activation refuses it, and nothing changes.
            await #expect(throws: ProgramError.noFutureMatchTime) {
                try await service.update(program.id, tenant: Self.t1, at: Self.now) { _, _ in
                    ProgramDraft(name: "Coffee", schedule: .once(at: Self.now.addingTimeInterval(-86_400), optInOpensAt: nil))
                }
            }
            #expect(try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions == sessions)
        }
    }

    @Test("activating plans the next session in the same transaction; pausing plans nothing")
    func activationPlans() async throws {
        try await ServiceFixture.with { fixture in
            var service = ProgramService(persistence: fixture.persistence)
            service.log = SchedulerLog(write: { _ in })
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            #expect(try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions.isEmpty)
            let active = try await service.perform(.activate, on: program.id, tenant: Self.t1, at: Self.now)
            #expect(active.status == .active)
            let sessions = try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions
            #expect(sessions.count == 1 && sessions[0].matchAt > Self.now)
            let paused = try await service.perform(.pause, on: program.id, tenant: Self.t1, at: Self.now)
            #expect(paused.status == .paused(.byAdmin))
            #expect(try await service.sessions(of: program.id, tenant: Self.t1, matchingAfter: nil, limit: 100).sessions.count == 1)
            await #expect(throws: ProgramError.self) {
                try await service.perform(.pause, on: program.id, tenant: Self.t1, at: Self.now)
            }
        }
    }

    @Test("a member's choices: leave, snooze, avoid; never itself nor a stranger")
    func preferences() async throws {
        try await ServiceFixture.with { fixture in
            let service = ProgramService(persistence: fixture.persistence)
            let program = try await service.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            let ada = try await fixture.member("ada@example.com")
            let bo = try await fixture.member("bo@example.com")
            let stranger = try await fixture.member("cy@example.com", tenant: Self.t2)
            let initial = try await service.preference(of: ada.id, in: program.id, tenant: Self.t1)
            #expect(!initial.hasLeft && initial.avoid.isEmpty && initial.snoozedUntil == nil)
            let until = Self.now.addingTimeInterval(7 * 86_400)
            let changed = try await service.changePreference(of: ada.id, in: program.id, tenant: Self.t1,
                                                             PreferenceChange(left: true, snoozedUntil: .some(until), avoid: [bo.id]))
            #expect(changed.hasLeft && changed.snoozedUntil == until && changed.avoid == [bo.id])
            #expect(try await service.preference(of: ada.id, in: program.id, tenant: Self.t1) == changed)
            await #expect(throws: ServiceError.invalid("A member cannot avoid itself.")) {
                try await service.changePreference(of: ada.id, in: program.id, tenant: Self.t1, PreferenceChange(avoid: [ada.id]))
            }
            await #expect(throws: ServiceError.self) {
                try await service.changePreference(of: ada.id, in: program.id, tenant: Self.t1, PreferenceChange(avoid: [stranger.id]))
            }
            await #expect(throws: ServiceError.self) {
                try await service.preference(of: stranger.id, in: program.id, tenant: Self.t1)
            }
            let after = try await service.preference(of: ada.id, in: program.id, tenant: Self.t1)
            #expect(after == changed, "refusals changed nothing")
        }
    }
}
