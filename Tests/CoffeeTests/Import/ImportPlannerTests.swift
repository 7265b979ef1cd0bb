import Foundation
import Testing
@testable import Coffee

@Suite("CSV import planning — upsert by email, never reactivate, all rows or none")
struct ImportPlannerTests {
    static let header = ["First name", "Last name", "Email", "Team", "City", "Skills"]
    static let catalog = CategoryCatalog([
        Category(key: "team", label: "Team", knownValues: ["Blue"]),
        Category(key: .city, label: "City", source: .identityProvider),
        Category(key: "skills", label: "Skills", type: .multiSelect),
    ])

    func planner(members: [Member] = [], mapping: ColumnMapping = ColumnMapping([3: .existingCategory("team"), 5: .existingCategory("skills")])) -> ImportPlanner {
        ImportPlanner(header: Self.header, mapping: mapping, catalog: Self.catalog, members: members)
    }

    func plan(_ rows: [[String]], members: [Member] = []) -> ImportPlan {
        var planner = planner(members: members)
        for (index, row) in rows.enumerated() { planner.add(CSVRecord(fields: row, line: index + 2)) }
        return planner.plan
    }

    struct Existing: Sendable, CustomTestStringConvertible {
        let name: String
        let member: @Sendable () throws -> Member
        let row: [String]
        let action: String
        let issues: [ImportIssue]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Existing(name: "same data → unchanged", member: { try Fixture.member(source: .csv, categories: ["team": ["Blue"]]) },
                 row: ["Ada", "Lovelace", "ADA@example.com", "blue", "", ""], action: "unchanged", issues: []),
        Existing(name: "new team → update", member: { try Fixture.member(source: .csv, categories: ["team": ["Blue"]]) },
                 row: ["Ada", "Lovelace", "ada@example.com", "Red", "", ""], action: "update", issues: []),
        Existing(name: "empty cell keeps the value", member: { try Fixture.member(source: .csv, categories: ["team": ["Blue"]]) },
                 row: ["Ada", "Lovelace", "ada@example.com", "", "", ""], action: "unchanged", issues: []),
        Existing(name: "inactive member stays inactive", member: { try Fixture.member(source: .manual, localStatus: .inactive(.unsubscribed)) },
                 row: ["Ada", "King", "ada@example.com", "", "", ""], action: "update", issues: [.staysInactive(.unsubscribed)]),
        Existing(name: "pending member stays pending", member: { try Fixture.member(source: .invitation, localStatus: .pending) },
                 row: ["Ada", "Lovelace", "ada@example.com", "", "", ""], action: "unchanged", issues: [.staysPending]),
        Existing(name: "IdP-deactivated member stays deactivated", member: { try Fixture.member(idpActive: false) },
                 row: ["Ada", "Lovelace", "ada@example.com", "", "", ""], action: "unchanged", issues: [.deactivatedByIdentityProvider]),
        Existing(name: "IdP owns the names of a SCIM member", member: { try Fixture.member(source: .scim) },
                 row: ["Augusta", "King", "ada@example.com", "Blue", "", ""], action: "update", issues: [.namesOwnedByIdentityProvider]),
        Existing(name: "deprovisioned member cannot be imported", member: { try Fixture.member(lifecycle: .deprovisioned) },
                 row: ["Ada", "Lovelace", "ada@example.com", "", "", ""], action: "rejected", issues: [.memberDeprovisioned]),
    ])
    func existingMembers(_ row: Existing) throws {
        let result = plan([row.row], members: [try row.member()])
        let action = try #require(result.rows.first).action
        let name = switch action {
        case .create: "create"
        case .update: "update"
        case .unchanged: "unchanged"
        case .rejected: "rejected"
        }
        #expect(name == row.action)
        #expect(result.rows.first?.issues == row.issues)
        #expect(result.isApplicable == !row.issues.contains(where: \.isError))
    }

    @Test("new rows create Active members; values take the known spelling; drop-downs grow")
    func createsAndGrows() throws {
        let result = plan([["Grace", "Hopper", "grace@example.com", "BLUE", "", "Cobol | Fortran"],
                           ["Alan", "Turing", "alan@example.com", "Green", "", "Maths"]])
        guard case .create(let grace) = result.rows.first?.action else {
            Issue.record("not a create")
            return
        }
        #expect(grace.categoryValues["team"] == ["Blue"])
        #expect(grace.categoryValues["skills"] == ["Cobol", "Fortran"])
        #expect(result.grownValues == ["team": ["Green"], "skills": ["Cobol", "Fortran", "Maths"]])
        #expect(result.summary == ImportPlan.Summary(created: 2))
        let created = try ImportTransition.create(grace, id: MemberID("g"), tenantID: Fixture.tenant, settings: TenantSettings(),
                                                  sendsWelcomeEmail: false, at: Fixture.t0)
        #expect(created.member.source == .csv && created.member.localStatus == .active && created.member.idpActive)
        #expect(created.events.map(\.kind) == [.memberProvisioned])
    }

    @Test("mapping errors are file errors", arguments: [
        (ColumnMapping([3: .existingCategory("nope")]), ImportError.unknownCategory(column: "Team", key: "nope")),
        (ColumnMapping([3: .newCategory(Category(key: "skills", label: "Skills"))]), .categoryKeyTaken(column: "Team", key: "skills")),
        (ColumnMapping([2: .existingCategory("team")]), .invalidColumn(index: 2)),
        (ColumnMapping([9: .ignored]), .invalidColumn(index: 9)),
    ])
    func mappingErrors(mapping: ColumnMapping, error: ImportError) {
        let planner = planner(mapping: mapping)
        #expect(planner.plan.fileErrors == [error])
        #expect(!planner.plan.isApplicable)
    }

    @Test("a new category collects its values from the file")
    func newCategoryCollects() {
        var planner = ImportPlanner(header: Self.header, mapping: ColumnMapping([4: .newCategory(Category(key: "office", label: "Office"))]),
                                    catalog: Self.catalog, members: [])
        planner.add(CSVRecord(fields: ["A", "B", "a@example.com", "", "Paris", ""], line: 2))
        planner.add(CSVRecord(fields: ["C", "D", "c@example.com", "", "paris", ""], line: 3))
        planner.add(CSVRecord(fields: ["E", "F", "e@example.com", "", "Lyon", ""], line: 4))
        #expect(planner.plan.newCategories.first?.knownValues == ["Paris", "Lyon"])
    }

    @Test("the suggested mapping fills existing categories (the IdP's too, for the members it does not provision), creates the rest")
    func suggestedMapping() throws {
        let columns = try ImportColumns(header: Self.header + ["Favourite coffee", ""])
        let mapping = ColumnMapping.suggested(for: columns, catalog: Self.catalog)
        #expect(mapping[3] == .existingCategory("team"))
        #expect(mapping[4] == .existingCategory(.city))
        #expect(mapping[5] == .existingCategory("skills"))
        #expect(mapping[6] == .newCategory(Category(key: "favouritecoffee", label: "Favourite coffee")))
        #expect(mapping[7] == .ignored)
    }

    @Test("extra empty trailing fields are tolerated, extra data is not")
    func trailingFields() {
        let result = plan([["A", "B", "a@example.com", "", "", "", "", ""], ["C", "D", "c@example.com", "", "", "", "x"]])
        #expect(result.rows[0].issues.isEmpty)
        #expect(result.rows[1].issues == [.wrongFieldCount(expected: 6, found: 7)])
    }

    @Test("an import update never touches statuses and names the changed categories")
    func importUpdate() throws {
        let member = try Fixture.member(source: .manual, localStatus: .inactive(.admin), categories: ["team": ["Blue"]])
        let person = ImportedPerson(givenName: "Ada", familyName: "King", email: try Fixture.email(), categoryValues: CategoryValues(["team": ["Red"]]))
        let result = try ImportTransition.update(member, with: person, at: Fixture.t0)
        #expect(result.member.localStatus == .inactive(.admin))
        #expect(result.member.familyName == "King" && result.member.categoryValues["team"] == ["Red"])
        guard case .memberUpdated(let event) = result.events.first else {
            Issue.record("no update")
            return
        }
        #expect(event.changedFields == ["familyName"] && event.changedCategories == ["team"])
    }

    @Test("an empty file is a file error")
    func emptyFile() {
        #expect(ImportPlanner.dryRun(csv: [], catalog: Self.catalog) { _ in nil }.fileErrors == [.emptyFile])
    }

    @Test("a 100,000-row file is planned from chunks")
    func largeFile() async {
        let plan = await offPool { () -> ImportPlan in
            var text = "Prénom;Nom;Courriel;Ville\n"
            for index in 0..<100_000 { text += "P\(index);N\(index);p\(index)@example.com;V\(index % 7)\n" }
            return ImportPlanner.dryRun(csv: Array(text.utf8), catalog: CategoryCatalog()) { _ in nil }
        }
        #expect(plan.isApplicable)
        #expect(plan.summary.created == 100_000)
        #expect(plan.newCategories.first?.knownValues.count == 7)
    }
}
