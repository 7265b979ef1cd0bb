import Testing
@testable import Coffee

@Suite("CSV header recognition — English or French, case, accents and spaces ignored")
struct HeaderNameTests {
    @Test(arguments: [
        ("First name", HeaderName.firstName), ("first_name", .firstName), ("FirstName", .firstName), ("Given name", .firstName),
        ("Prénom", .firstName), ("PRENOM", .firstName), (" prénom ", .firstName), ("Pre-nom", .firstName),
        ("Last name", .lastName), ("LAST NAME", .lastName), ("Surname", .lastName), ("Family name", .lastName),
        ("Nom", .lastName), ("NOM", .lastName), ("Nom de famille", .lastName),
        ("Email", .email), ("E-mail", .email), ("e-mail", .email), ("EMAIL", .email), ("E mail", .email),
        ("Courriel", .email), ("COURRIEL", .email), ("Adresse e-mail", .email), ("Email address", .email), ("Mail", .email),
    ])
    func recognizesMandatoryColumns(header: String, name: HeaderName) {
        #expect(HeaderName.recognize(header) == name)
    }

    @Test(arguments: ["City", "Ville", "Département", "", "Name", "Nom complet", "Emails", "Prénom usuel"])
    func otherColumnsAreNotMandatory(header: String) {
        #expect(HeaderName.recognize(header) == nil)
    }

    @Test("columns are located wherever they are, other columns kept in order")
    func locatesColumns() throws {
        let columns = try ImportColumns(header: ["Ville", "Courriel", "Nom", "Prénom", " Service "])
        #expect(columns.email == 1 && columns.lastName == 2 && columns.firstName == 3)
        #expect(columns.others.map(\.header) == ["Ville", "Service"])
        #expect(columns.others.map(\.index) == [0, 4])
    }

    @Test("a missing or repeated mandatory column is a file error", arguments: [
        (["Prénom", "Nom"], ImportError.missingColumn(.email)),
        (["Email", "Nom"], .missingColumn(.firstName)),
        (["First name", "Email"], .missingColumn(.lastName)),
        (["First name", "Last name", "Email", "Courriel"], .duplicateColumn(.email, columns: [2, 3])),
    ])
    func mandatoryColumns(header: [String], error: ImportError) {
        #expect(throws: error) { try ImportColumns(header: header) }
    }

    @Test("the error names the accepted spellings")
    func errorDescription() {
        #expect(ImportError.missingColumn(.email).description.contains("Courriel"))
    }
}

/// The key a new category gets from a header or a label: what the category API takes.
@Suite("New category keys — folded, ASCII letters and digits, at most 64")
struct DerivedCategoryKeyTests {
    @Test(arguments: [
        ("Ville", "ville" as String?), ("Job title", "jobtitle"), ("Département", "departement"), ("R&D Team", "rdteam"),
        ("Team #1/2?x", "team12x"), ("key:value", "keyvalue"), ("部门", nil), ("#", nil), ("", nil), ("  ", nil),
        (String(repeating: "H", count: 300), String(repeating: "h", count: 64)), ("Équipe 2", "equipe2"),
    ])
    func derived(label: String, key: String?) {
        #expect(CategoryKey.derived(fromLabel: label)?.rawValue == key)
    }

    @Test("an import suggests keys the category API takes, and ignores a header that gives none, saying why")
    func importSuggestions() throws {
        let header = ["First name", "Last name", "Email", "Team #1/2?x", String(repeating: "H", count: 300), "部门"]
        let mapping = ColumnMapping.suggested(for: try ImportColumns(header: header), catalog: CategoryCatalog([]))
        var planner = ImportPlanner(header: header, mapping: mapping, catalog: CategoryCatalog([]), members: [])
        planner.add(CSVRecord(fields: ["A", "B", "keys@example.com", "v1", "v2", "v3"], line: 2))
        let plan = planner.plan
        #expect(plan.newCategories.map(\.key.rawValue) == ["team12x", String(repeating: "h", count: 64)])
        #expect(plan.ignoredColumns.map(\.reason) == [.noKey])
        #expect(plan.ignoredColumns.first?.header == "部门")
    }
}
