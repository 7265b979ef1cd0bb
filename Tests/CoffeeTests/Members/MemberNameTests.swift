import Testing
@testable import Coffee

/// A member's names are one line people can read, whichever door they come through.
@Suite("Member names — one line, no control or text-direction characters")
struct MemberNameTests {
    @Test("control characters and line breaks become spaces, bidirectional controls are dropped, the rest is kept", arguments: [
        ("Ada", "Ada"), ("Zoé ☕️ 山田", "Zoé ☕️ 山田"), ("  Ada  ", "  Ada  "),
        ("Mary\nAnn", "Mary Ann"), ("Mary\r\nAnn", "Mary  Ann"), ("A\u{0000}", "A"), ("A\u{1B}[31m", "A [31m"),
        ("B\u{202E}live", "Blive"), ("\u{2067}Bob\u{2069}", "Bob"), ("x\u{2028}y", "x y"), ("\u{202E}", ""),
    ])
    func cleaned(name: String, expected: String) {
        #expect(MemberName.cleaned(name) == expected)
    }

    @Test("every door keeps the names it is given on one line")
    func doors() throws {
        // SCIM, connectors and every other draft.
        let draft = MemberDraft(id: MemberID("m1"), userName: "a@example.com", givenName: "Mary\nAnn",
                                familyName: "\u{202E}Hara", displayName: "Mary\u{0}", emails: [])
        #expect([draft.givenName, draft.familyName, draft.displayName] == ["Mary Ann", "Hara", "Mary"])
        // Manual add: cleaned before the required check, so a name of controls only is missing.
        let added = try ManualEntryTests.add(ManualEntry(givenName: "A\u{1B}", familyName: "L\u{202E}", email: "a@example.com"))
        #expect((added.member.givenName, added.member.familyName) == ("A", "L"))
        #expect(throws: MemberError.missingField("givenName")) {
            try ManualEntryTests.add(ManualEntry(givenName: "\u{202E}\u{0}", familyName: "L", email: "a@example.com"))
        }
        // The portal's profile.
        let member = try Fixture.member(source: .manual)
        let edited = try ProfileTransition.edit(member, givenName: "Ada\r\nX", familyName: "Love\u{2066}lace", locale: nil, timeZone: nil,
                                                at: Fixture.t0)
        #expect((edited.member.givenName, edited.member.familyName) == ("Ada  X", "Lovelace"))
        #expect(throws: MemberError.missingField("familyName")) {
            try ProfileTransition.edit(member, givenName: "Ada", familyName: "\u{202E}", locale: nil, timeZone: nil, at: Fixture.t0)
        }
        // A CSV row whose quoted cell holds a line break.
        var planner = ImportPlanner(header: ["First name", "Last name", "Email"], mapping: ColumnMapping([:]),
                                    catalog: CategoryCatalog([]), members: [])
        planner.add(CSVRecord(fields: ["Mary\nAnn", "O\u{0}Hara", "mary@example.org"], line: 2))
        planner.add(CSVRecord(fields: ["\u{202E}", "B", "b@example.org"], line: 3))
        let rows = planner.plan.rows
        guard case .create(let person)? = rows.first?.action else { Issue.record("\(rows)"); return }
        #expect((person.givenName, person.familyName) == ("Mary Ann", "O Hara"))
        #expect(rows.last?.issues.contains(.missingFirstName) == true)
    }
}
