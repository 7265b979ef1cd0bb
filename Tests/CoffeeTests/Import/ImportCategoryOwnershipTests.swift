import Foundation
import Testing
@testable import Coffee

/// Category ownership is decided per member (issue 16, defect 4): a CSV column that
/// fills a category the identity provider fills applies to the members the file creates
/// and to members that came in another way; members the IdP provisioned keep its values,
/// with a warning. Every column that is not imported is listed with why.
@Suite("CSV import — category ownership per member, ignored columns listed")
struct ImportCategoryOwnershipTests {
    static let header = ["First name", "Last name", "Email", "Department", "Notes", ""]
    static let catalog = CategoryCatalog.identityProviderDefaults

    static func plan(_ rows: [[String]], members: [Member] = [], mapping: ColumnMapping? = nil) throws -> ImportPlan {
        let columns = try ImportColumns(header: header)
        var chosen = mapping ?? ColumnMapping.suggested(for: columns, catalog: catalog)
        if mapping == nil { chosen.targets[4] = .ignored }
        var planner = ImportPlanner(header: header, mapping: chosen, catalog: catalog, members: members)
        for (index, row) in rows.enumerated() { planner.add(CSVRecord(fields: row, line: index + 2)) }
        return planner.plan
    }

    @Test("a Department column is suggested for the IdP's department category and fills new members")
    func fillsNewMembers() throws {
        let columns = try ImportColumns(header: Self.header)
        #expect(ColumnMapping.suggested(for: columns, catalog: Self.catalog)[3] == .existingCategory(.department))
        let plan = try Self.plan([["Ada", "Lovelace", "ada@example.com", "R&D", "likes tea", ""]])
        #expect(plan.fileErrors.isEmpty && plan.isApplicable)
        guard case .create(let person) = try #require(plan.rows.first).action else {
            Issue.record("not a create: \(plan.rows)")
            return
        }
        #expect(person.categoryValues[.department] == ["R&D"])
        #expect(plan.grownValues[.department] == ["R&D"])
    }

    @Test("per member: the IdP's member keeps its value (warning), a CSV or manual member takes the file's", arguments: [
        (MemberSource.scim, ["Sales"], ["Sales"], [ImportIssue.categoryOwnedByIdentityProvider(.department)]),
        (.scim, [], [], [.categoryOwnedByIdentityProvider(.department)]),
        (.csv, ["Sales"], ["R&D"], []),
        (.manual, [], ["R&D"], []),
        (.invitation, ["Sales"], ["R&D"], []),
    ])
    func ownershipPerMember(source: MemberSource, before: [String], after: [String], issues: [ImportIssue]) throws {
        let member = try Fixture.member(source: source, categories: before.isEmpty ? [:] : [.department: before])
        let plan = try Self.plan([[member.givenName, member.familyName, "ada@example.com", "R&D", "", ""]], members: [member])
        let row = try #require(plan.rows.first)
        #expect(row.issues.filter { if case .categoryOwnedByIdentityProvider = $0 { true } else { false } } == issues)
        var stored = member
        if case .update(_, let person, _) = row.action {
            stored = try ImportTransition.update(member, with: person, at: Fixture.t0).member
        }
        #expect(stored.categoryValues[.department] == after)
        #expect(plan.isApplicable)
    }

    @Test("an IdP member whose value equals the file's gets no warning")
    func sameValueNoWarning() throws {
        let member = try Fixture.member(source: .scim, categories: [.department: ["R&D"]])
        let plan = try Self.plan([[member.givenName, member.familyName, "ada@example.com", "R&D", "", ""]], members: [member])
        #expect(try #require(plan.rows.first).issues.isEmpty)
    }

    @Test("every ignored column is listed with its reason")
    func ignoredColumnsListed() throws {
        let plan = try Self.plan([["Ada", "Lovelace", "ada@example.com", "R&D", "x", ""]])
        #expect(plan.ignoredColumns == [IgnoredColumn(header: "Notes", index: 4, reason: .chosen),
                                        IgnoredColumn(header: "", index: 5, reason: .unnamed)])
        let partial = try Self.plan([], mapping: ColumnMapping([3: .newCategory(Category(key: .department, label: "Department"))]))
        #expect(partial.fileErrors == [.categoryKeyTaken(column: "Department", key: .department)])
        #expect(partial.fileErrors.first?.description.contains("choose category:department") == true)
        #expect(partial.ignoredColumns == [IgnoredColumn(header: "Department", index: 3, reason: .invalidMapping),
                                           IgnoredColumn(header: "Notes", index: 4, reason: .noDecision),
                                           IgnoredColumn(header: "", index: 5, reason: .noDecision)])
    }
}
