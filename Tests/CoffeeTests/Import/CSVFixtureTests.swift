import Foundation
import Testing
@testable import Coffee

@Suite("CSV fixtures — each file in fixtures/csv proves what its name says")
struct CSVFixtureTests {
    /// A tenant with one admin multi-select and one IdP-filled (read-only) category.
    static let catalog = CategoryCatalog([
        Category(key: "languages", label: "Languages", type: .multiSelect),
        Category(key: .jobTitle, label: "Job title", source: .identityProvider),
    ])

    static func existing(_ email: EmailAddress) -> Member? {
        guard email.normalized == "ada@example.com" else { return nil }
        return try? Fixture.member(id: "ada", source: .csv, family: "King", email: "ada@example.com")
    }

    static func plan(_ name: String) throws -> ImportPlan {
        ImportPlanner.dryRun(csv: try CSVFixtures.bytes(name), catalog: catalog, chunkSize: 7, existingMember: existing)
    }

    static func created(_ plan: ImportPlan) -> [ImportedPerson] {
        plan.rows.compactMap { if case .create(let person) = $0.action { person } else { nil } }
    }

    /// What each fixture must produce. A fixture without an entry fails the run.
    static let expectations: [String: @Sendable (ImportPlan) -> Bool] = [
        "basic-comma-lf.csv": { plan in
            plan.isApplicable && plan.summary.created == 2 && plan.summary.updated == 1
                && plan.newCategories.map(\.key) == ["city", "department"]
                && plan.newCategories.last?.knownValues == ["R&D", "Navy"]
        },
        "french-headers-bom-semicolon-crlf.csv": { plan in
            let people = created(plan)
            return plan.isApplicable && people.map(\.givenName) == ["Zoé", "François"]
                && people.map(\.familyName) == ["Éluard", "Lefèvre"]
                && people.first?.categoryValues["ville"] == ["Paris"]
                && plan.newCategories.map(\.label) == ["Ville", "Service"]
                && plan.rows.map(\.line) == [2, 3]
        },
        "quoting-escapes-embedded-newlines.csv": { plan in
            let people = plan.rows.compactMap { row -> ImportedPerson? in
                switch row.action {
                case .create(let person), .update(_, let person, _): person
                default: nil
                }
            }
            return plan.isApplicable && plan.rows.map(\.line) == [2, 3, 5]
                && people.first?.categoryValues["bio"] == [#"Wrote the first program, "Note G""#]
                && people[1].categoryValues["bio"] == ["Line one\nLine two"]
                && people[2].familyName == "O\"Neil" && people[2].categoryValues["city"] == ["Paris, France"]
                && people[2].categoryValues["bio"].isEmpty
        },
        "semicolon-multiselect.csv": { plan in
            guard case .update(let id, let person, let changes) = plan.rows.first?.action else { return false }
            return plan.isApplicable && id == MemberID("ada") && person.categoryValues["languages"] == ["en", "fr"]
                && changes == ["familyName", "category:languages"] && plan.grownValues == ["languages": ["en", "fr"]]
        },
        "header-case-accents-spaces.csv": { plan in
            guard case .update(let id, _, let changes) = plan.rows.first?.action else { return false }
            // "Job Title" fills the IdP's jobTitle category: the member is not the IdP's (issue 16, defect 4).
            return plan.isApplicable && id == MemberID("ada") && changes == ["familyName", "category:jobTitle"]
                && plan.newCategories.isEmpty
        },
        "bad-rows.csv": { plan in
            !plan.isApplicable && plan.summary.rejected == 5 && plan.rows.map(\.issues) == [
                [.invalidEmail("not-an-email")], [.missingFirstName], [.missingLastName], [.missingEmail],
                [.wrongFieldCount(expected: 4, found: 3)],
            ]
        },
        "duplicate-emails.csv": { plan in
            !plan.isApplicable && plan.rows.map(\.issues) == [[], [], [.duplicateEmail(firstLine: 2)]]
        },
        "missing-mandatory-columns.csv": { plan in
            plan.fileErrors == [.missingColumn(.firstName)] && plan.rows.isEmpty && !plan.isApplicable
        },
        "unterminated-quote.csv": { plan in
            plan.fileErrors == [.csv(.unterminatedQuote(line: 2))] && !plan.isApplicable
        },
        "latin1-not-utf8.csv": { plan in
            plan.fileErrors == [.csv(.invalidUTF8(line: 2, field: 1))] && !plan.isApplicable
        },
        "no-trailing-newline.csv": { plan in
            plan.isApplicable && plan.rows.count == 2 && plan.rows.last?.emailText == "grace@example.com"
        },
    ]

    @Test(arguments: try CSVFixtures.names())
    func fixtureProducesItsPlan(name: String) throws {
        let expectation = try #require(Self.expectations[name], "no expectation for fixtures/csv/\(name)")
        let plan = try Self.plan(name)
        #expect(expectation(plan), "\(name): \(plan)")
    }

    @Test("the fixture folder is found and not empty (an empty argument list would be skipped)")
    func fixturesExist() throws {
        #expect(try CSVFixtures.names().count >= 10)
    }

    @Test("every expectation has its fixture file")
    func everyFixtureHasAnExpectation() throws {
        #expect(Set(try CSVFixtures.names()) == Set(Self.expectations.keys))
    }
}
