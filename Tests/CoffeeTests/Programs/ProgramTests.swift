import Foundation
import Testing
@testable import Coffee

@Suite("Programs — validation, status transitions, pause when the audience group is deleted")
struct ProgramTests {
    typealias F = ProgramFixture
    static let at = F.local(2026, 3, 1, 12)

    @Test(arguments: [
        (F.draft(), [ProgramError]()),
        (F.draft(name: "  \n"), [.emptyName]),
        // Shown to members in the portal and emails: one line, no text-direction tricks.
        (F.draft(name: "Coffee\r\nBcc: x@example.com"), [.nameNotOneLine]),
        (F.draft(name: "Coffee \u{202E}etteluoR"), [.nameNotOneLine]),
        (F.draft(name: "Café\u{0000}"), [.nameNotOneLine]),
        (F.draft(name: String(repeating: "é", count: 100)), []),
        (F.draft(name: String(repeating: "é", count: 101)), [.nameTooLong(101)]),
        (F.draft(name: "☕️ Café du lundi — Équipe Paris"), []),
        (F.draft(groupSize: 1), [.groupSizeOutOfRange(1)]),
        (F.draft(groupSize: 7), [.groupSizeOutOfRange(7)]),
        (F.draft(groupSize: 6), []),
        (F.draft(repeatWindow: -1), [.negativeRepeatWindow(-1)]),
        (F.draft(repeatWindow: 0), []),
        (F.draft(repeatDecay: 1.5), [.repeatDecayOutOfRange(1.5)]),
        (F.draft(rules: [.differentValue(category: "department"), .sameValue(category: " ")]), [.emptyRuleCategory(ruleIndex: 1)]),
        (F.draft(rules: [.denyPair(categoryA: "", valueA: "x", categoryB: "city", valueB: "")]),
         [.emptyRuleCategory(ruleIndex: 0), .emptyRuleValue(ruleIndex: 0)]),
        (F.draft(rules: [.allowPair(categoryA: "a", valueA: "x", categoryB: "b", valueB: "y")]), []),
        (F.draft(audience: .group(GroupID(""))), [.emptyAudienceGroup]),
        // The engine works per rule and group: 20,000 rules ran a preview for minutes.
        (F.draft(rules: Array(repeating: .differentValue(category: "department"), count: 20)), []),
        (F.draft(rules: Array(repeating: .differentValue(category: "department"), count: 21)), [.tooManyRules(21)]),
        (F.draft(rules: Array(repeating: .sameValue(category: " "), count: 20_000)), [.tooManyRules(20_000)]),
        (F.draft(rules: [.notWithManager(includingPeers: true), .sameTimeZone(toleranceHours: 26)]), []),
        (F.draft(rules: [.differentTimeZone(toleranceHours: 27)]), [.toleranceOutOfRange(ruleIndex: 0, hours: 27)]),
        (F.draft(schedule: F.weekly(zone: "Mars/Olympus")), [.invalidSchedule(.unknownTimeZone("Mars/Olympus"))]),
        // A session in the year 10000 has no RFC 3339 date-time.
        (F.draft(schedule: F.weekly(from: Date(timeIntervalSince1970: 253_402_300_799))), [.invalidSchedule(.tooFarAhead)]),
        (F.draft(schedule: .once(at: Date(timeIntervalSince1970: 253_402_300_799), optInOpensAt: nil)), [.invalidSchedule(.tooFarAhead)]),
        (F.draft(schedule: F.weekly(from: Schedule.latestDate)), []),
        (F.draft(mode: .optIn, schedule: F.weekly(window: 0)), [.optInWindowRequired]),
        (F.draft(mode: .optIn, schedule: .once(at: F.local(2026, 6, 1), optInOpensAt: nil)), [.optInWindowRequired]),
        (F.draft(name: "", groupSize: 9, repeatWindow: -2), [.emptyName, .groupSizeOutOfRange(9), .negativeRepeatWindow(-2)]),
    ])
    func validation(draft: ProgramDraft, errors: [ProgramError]) throws {
        #expect(draft.validationErrors == errors)
        if let first = errors.first {
            #expect(throws: first) { try ProgramTransition.create(id: ProgramID("p"), tenantID: F.tenant, draft: draft, at: Self.at) }
        } else {
            let program = try ProgramTransition.create(id: ProgramID("p"), tenantID: F.tenant, draft: draft, at: Self.at)
            #expect(program.status == .draft && program.version == 1 && program.validationErrors.isEmpty)
            #expect(program.draft == draft)
        }
    }

    @Test("creation trims the name and keeps the draft's settings in the configuration")
    func create() throws {
        let draft = F.draft(name: "  Lunch roulette ", groupSize: 3, rules: [.sameValue(category: "city")], repeatWindow: 4)
        let program = try ProgramTransition.create(id: ProgramID("p"), tenantID: F.tenant, draft: draft, at: Self.at)
        #expect(program.name == "Lunch roulette")
        #expect(program.matching == MatchingConfiguration(groupSize: 3, rules: [.sameValue(category: "city")], repeatWindow: 4))
        #expect(program.createdAt == Self.at && program.updatedAt == Self.at)
    }

    @Test("a stored program whose configuration was decoded out of range is reported, not clamped away")
    func decodedOutOfRange() throws {
        var program = F.program(status: .draft)
        program.matching.repeatWindow = -3
        #expect(program.validationErrors == [.negativeRepeatWindow(-3)])
        #expect(throws: ProgramError.negativeRepeatWindow(-3)) { try ProgramTransition.activate(program, at: Self.at) }
    }

    enum Action: String, Sendable, CaseIterable { case activate, pauseByAdmin, resume, archive }

    static let paused = ProgramStatus.paused(.byAdmin)

    @Test("status transition table", arguments: [
        (ProgramStatus.draft, Action.activate, ProgramStatus.active as ProgramStatus?),
        (.draft, .pauseByAdmin, nil), (.draft, .resume, nil), (.draft, .archive, .archived),
        (.active, .activate, nil), (.active, .pauseByAdmin, ProgramTests.paused), (.active, .resume, nil), (.active, .archive, .archived),
        (ProgramTests.paused, .activate, nil), (ProgramTests.paused, .pauseByAdmin, nil),
        (ProgramTests.paused, .resume, .active), (ProgramTests.paused, .archive, .archived),
        (.archived, .activate, nil), (.archived, .pauseByAdmin, nil), (.archived, .resume, nil), (.archived, .archive, nil),
    ])
    func transitions(from: ProgramStatus, action: Action, to: ProgramStatus?) throws {
        let program = F.program(status: from)
        let later = Self.at.addingTimeInterval(60)
        func apply() throws(ProgramError) -> Program {
            switch action {
            case .activate: try ProgramTransition.activate(program, at: later)
            case .pauseByAdmin: try ProgramTransition.pause(program, reason: .byAdmin, at: later)
            case .resume: try ProgramTransition.resume(program, at: later)
            case .archive: try ProgramTransition.archive(program, at: later)
            }
        }
        if let to {
            let next = try apply()
            #expect(next.status == to && next.version == program.version + 1 && next.updatedAt == later)
        } else {
            let programAction: ProgramAction = switch action {
            case .activate: .activate
            case .pauseByAdmin: .pause
            case .resume: .resume
            case .archive: .archive
            }
            #expect(throws: ProgramError.illegalTransition(from: from, action: programAction)) { try apply() }
        }
    }

    @Test("activation needs a match time in the future")
    func activateOncePast() {
        let program = F.program(schedule: .once(at: F.local(2026, 2, 1), optInOpensAt: nil), status: .draft)
        #expect(throws: ProgramError.noFutureMatchTime) { try ProgramTransition.activate(program, at: Self.at) }
    }

    @Test("an active program's new schedule needs a match time in the future, as activation does; a draft's need not")
    func updateToPastSchedule() throws {
        let past = F.draft(schedule: .once(at: F.local(2026, 2, 1), optInOpensAt: nil))
        #expect(throws: ProgramError.noFutureMatchTime) { try ProgramTransition.update(F.program(), with: past, at: Self.at) }
        #expect(try ProgramTransition.update(F.program(status: .draft), with: past, at: Self.at).schedule == past.schedule)
        // The schedule unchanged (a past one-time program renamed): no check.
        let once = F.program(schedule: past.schedule)
        #expect(try ProgramTransition.update(once, with: F.draft(name: "Renamed", schedule: past.schedule), at: Self.at).name == "Renamed")
    }

    @Test("deleting a group pauses every active or paused program whose audience it was, and returns those")
    func audienceGroupDeleted() {
        let g1 = GroupID("g1")
        let programs = [
            F.program(id: "active-g1", audience: .group(g1)),
            F.program(id: "paused-g1", audience: .group(g1), status: .paused(.byAdmin)),
            F.program(id: "draft-g1", audience: .group(g1), status: .draft),
            F.program(id: "archived-g1", audience: .group(g1), status: .archived),
            F.program(id: "already-broken-g1", audience: .group(g1), status: .paused(.audienceGroupDeleted(g1))),
            F.program(id: "broken-g0-now-g1", audience: .group(g1), status: .paused(.audienceGroupDeleted(GroupID("g0")))),
            F.program(id: "active-g2", audience: .group(GroupID("g2"))),
            F.program(id: "everyone"),
        ]
        let changed = ProgramTransition.audienceGroupDeleted(g1, programs: programs, at: Self.at)
        #expect(changed.map(\.id.rawValue) == ["active-g1", "paused-g1", "broken-g0-now-g1"])
        #expect(changed.allSatisfy { $0.status == .paused(.audienceGroupDeleted(g1)) && $0.version == 2 && $0.updatedAt == Self.at })
    }

    @Test("a program paused for a deleted group resumes only once given another audience")
    func resumeAfterGroupDeletion() throws {
        let g1 = GroupID("g1")
        let paused = try #require(ProgramTransition.audienceGroupDeleted(g1, programs: [F.program(audience: .group(g1))], at: Self.at).first)
        #expect(throws: ProgramError.audienceBroken(g1)) { try ProgramTransition.resume(paused, at: Self.at) }
        var draft = paused.draft
        draft.audience = .group(GroupID("g2"))
        let moved = try ProgramTransition.update(paused, with: draft, at: Self.at)
        #expect(moved.status == .paused(.audienceGroupDeleted(g1)) && moved.version == paused.version + 1)
        #expect(try ProgramTransition.resume(moved, at: Self.at).status == .active)
    }

    @Test("update: an unchanged draft keeps the version, archived programs refuse it, engine settings survive")
    func update() throws {
        var program = F.program(status: .active)
        program.matching.candidateCount = 16
        #expect(try ProgramTransition.update(program, with: program.draft, at: Self.at) == program)
        var draft = program.draft
        draft.groupSize = 3
        let updated = try ProgramTransition.update(program, with: draft, at: Self.at)
        #expect(updated.matching.groupSize == 3 && updated.matching.candidateCount == 16 && updated.version == 2)
        draft.groupSize = 0
        #expect(throws: ProgramError.groupSizeOutOfRange(0)) { try ProgramTransition.update(program, with: draft, at: Self.at) }
        let archived = F.program(status: .archived)
        #expect(throws: ProgramError.illegalTransition(from: .archived, action: .update)) {
            try ProgramTransition.update(archived, with: archived.draft, at: Self.at)
        }
    }

    @Test("programs survive JSON")
    func codable() throws {
        let program = F.program(audience: .categories(try AudienceExpression(parsing: "City in (Paris, Lyon) and not Department = HR")),
                                status: .paused(.audienceGroupDeleted(GroupID("g"))), rules: [.differentValue(category: "department")])
        let decoded = try JSONDecoder().decode(Program.self, from: try JSONEncoder().encode(program))
        #expect(decoded == program)
    }
}
