import Foundation
import Testing
@testable import Coffee

@Suite("Participant selection — who takes part in a session, and why the others do not")
struct ParticipantSelectionTests {
    typealias F = ProgramFixture
    static let now = F.local(2026, 3, 9, 9)
    static let later = now.addingTimeInterval(3 * Fixture.day)
    static let earlier = now.addingTimeInterval(-Fixture.day)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var mode: ParticipationMode = .automatic
        var idpActive = true
        var local: LocalStatus = .active
        var lifecycle: Lifecycle = .live
        var snoozedUntil: Date?
        var hasLeft = false
        var programSnoozedUntil: Date?
        var preferenceProgram = "p1"
        var optedIn = false
        var optedOut = false
        let expected: [ExclusionReason]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "eligible, automatic", expected: []),
        Case(name: "IdP deactivated", idpActive: false, expected: [.ineligible(.deactivatedByIdentityProvider)]),
        Case(name: "locally inactive", local: .inactive(.admin), expected: [.ineligible(.notActive(.inactive(.admin)))]),
        Case(name: "pending invitation", local: .pending, expected: [.ineligible(.notActive(.pending))]),
        Case(name: "deprovisioned", lifecycle: .deprovisioned, expected: [.ineligible(.notLive(.deprovisioned))]),
        Case(name: "snoozed", snoozedUntil: later, expected: [.ineligible(.snoozed(until: later))]),
        Case(name: "snooze over", snoozedUntil: earlier, expected: []),
        Case(name: "left the program", hasLeft: true, expected: [.ineligible(.optedOut)]),
        Case(name: "left another program", hasLeft: true, preferenceProgram: "p2", expected: []),
        Case(name: "snoozed in the program", programSnoozedUntil: later, expected: [.snoozedInProgram(until: later)]),
        Case(name: "program snooze over", programSnoozedUntil: earlier, expected: []),
        Case(name: "opted out of the session", optedOut: true, expected: [.optedOutOfSession]),
        Case(name: "opt-in program, not opted in", mode: .optIn, expected: [.notOptedIn]),
        Case(name: "opt-in program, opted in", mode: .optIn, optedIn: true, expected: []),
        Case(name: "opt-in program, opted in but deactivated", mode: .optIn, idpActive: false, optedIn: true,
             expected: [.ineligible(.deactivatedByIdentityProvider)]),
        Case(name: "opt-in program, left it and not opted in", mode: .optIn, hasLeft: true, expected: [.ineligible(.optedOut), .notOptedIn]),
        Case(name: "every reason, in order", mode: .optIn, idpActive: false, local: .pending, lifecycle: .deprovisioned,
             snoozedUntil: later, hasLeft: true, programSnoozedUntil: later, optedOut: true,
             expected: [.ineligible(.notLive(.deprovisioned)), .ineligible(.deactivatedByIdentityProvider), .ineligible(.notActive(.pending)),
                        .ineligible(.snoozed(until: later)), .ineligible(.optedOut), .snoozedInProgram(until: later),
                        .optedOutOfSession, .notOptedIn]),
    ]

    @Test(arguments: cases)
    func reasons(_ row: Case) throws {
        let member = try Fixture.member(id: "m1", idpActive: row.idpActive, localStatus: row.local, lifecycle: row.lifecycle,
                                        categories: [.city: ["Paris"]], snoozedUntil: row.snoozedUntil)
        let program = F.program(mode: row.mode)
        let session = F.session(program: program, state: .open, optedIn: row.optedIn ? [member.id] : [],
                                optedOut: row.optedOut ? [member.id] : [])
        let preference = ProgramPreference(memberID: member.id, programID: ProgramID(row.preferenceProgram), hasLeft: row.hasLeft,
                                           snoozedUntil: row.programSnoozedUntil)
        let selection = try ParticipantSelection.select(program: program, session: session,
                                                        candidates: [SelectionCandidate(member: member)],
                                                        preferences: [preference], at: Self.now)
        if row.expected.isEmpty {
            #expect(selection.participants == [Participant(id: ParticipantID("m1"), categoryValues: ["city": ["Paris"]])])
            #expect(selection.excluded.isEmpty)
        } else {
            #expect(selection.participants.isEmpty)
            #expect(selection.excluded == [Exclusion(memberID: member.id, reasons: row.expected)])
        }
        #expect(selection.audienceSize == (row.lifecycle == .live ? 1 : 0))
    }

    @Test("a group audience is read at match time: joiners take part, leavers do not")
    func groupAudienceAtMatchTime() throws {
        let g1 = GroupID("g1")
        let program = F.program(audience: .group(g1))
        let joined = try Fixture.member(id: "joined-while-open")
        let left = try Fixture.member(id: "left-the-group")
        let leftOptedIn = try Fixture.member(id: "left-after-opting-in")
        let deactivated = try Fixture.member(id: "deactivated", idpActive: false)
        let session = F.session(program: program, state: .open, optedIn: [leftOptedIn.id])
        let selection = try ParticipantSelection.select(program: program, session: session, candidates: [
            SelectionCandidate(member: joined, groupIDs: [g1]),
            SelectionCandidate(member: left, groupIDs: [GroupID("g2")]),
            SelectionCandidate(member: leftOptedIn, groupIDs: []),
            SelectionCandidate(member: deactivated, groupIDs: [g1]),
        ], at: Self.now)
        #expect(selection.participants.map(\.id) == [ParticipantID("joined-while-open")])
        #expect(selection.excluded == [
            Exclusion(memberID: deactivated.id, reasons: [.ineligible(.deactivatedByIdentityProvider)]),
            Exclusion(memberID: leftOptedIn.id, reasons: [.outsideAudience]),
        ])
        #expect(selection.audienceSize == 2)
    }

    @Test("a category audience, duplicates and other tenants")
    func categoryAudience() throws {
        let program = F.program(audience: .categories(try AudienceExpression(parsing: "City in (Paris, Lyon) and not Department = HR")))
        let paris = try Fixture.member(id: "b-paris", categories: [.city: ["Paris"], .department: ["Sales"]])
        let hr = try Fixture.member(id: "c-hr", categories: [.city: ["lyon"], .department: ["hr"]])
        let nice = try Fixture.member(id: "d-nice", categories: [.city: ["Nice"]])
        let lyon = try Fixture.member(id: "a-lyon", categories: [.city: ["Lyon"]])
        let foreign = Member(id: MemberID("e-foreign"), tenantID: TenantID("other"), userName: "x@example.com", givenName: "X",
                             familyName: "Y", emails: [try Fixture.email()], categoryValues: CategoryValues([.city: ["Paris"]]),
                             source: .scim, createdAt: F.created)
        let selection = try ParticipantSelection.select(
            program: program, session: F.session(program: program, state: .open),
            candidates: [paris, hr, nice, lyon, paris, foreign].map { SelectionCandidate(member: $0) }, at: Self.now)
        #expect(selection.participants.map(\.id.rawValue) == ["a-lyon", "b-paris"])
        #expect(selection.excluded.isEmpty && selection.audienceSize == 2)
        let input = selection.matchingInput(configuration: program.matching, seed: 9)
        #expect(input.participants == selection.participants && input.seed == 9)
    }

    @Test("a session of another program is refused")
    func wrongProgram() throws {
        let session = F.session(program: F.program(id: "p2"))
        #expect(throws: SessionError.wrongProgram(session: session.id, program: ProgramID("p1"))) {
            try ParticipantSelection.select(program: F.program(), session: session, candidates: [], at: Self.now)
        }
    }
}
