import Testing
@testable import Coffee

@Suite("Categories — types, growing known values, read-only IdP categories")
struct CategoryTests {
    struct Growth: Sendable, CustomTestStringConvertible {
        let name: String
        let type: CategoryType
        let known: [String]
        let arriving: [String]
        let added: [String]
        let after: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Growth(name: "new value grows the drop-down", type: .singleSelect, known: ["Paris"], arriving: ["Lyon"], added: ["Lyon"], after: ["Paris", "Lyon"]),
        Growth(name: "known value in other case is not added", type: .singleSelect, known: ["Paris"], arriving: ["PARIS"], added: [], after: ["Paris"]),
        Growth(name: "blank and padded values", type: .singleSelect, known: [], arriving: ["  ", " Lyon "], added: ["Lyon"], after: ["Lyon"]),
        Growth(name: "duplicates in one batch count once", type: .multiSelect, known: [], arriving: ["Go", "go", "Swift"], added: ["Go", "Swift"], after: ["Go", "Swift"]),
        Growth(name: "text collects nothing", type: .text, known: [], arriving: ["Likes tea"], added: [], after: []),
        Growth(name: "accented values are distinct from unaccented", type: .singleSelect, known: ["Orleans"], arriving: ["Orléans"], added: ["Orléans"], after: ["Orleans", "Orléans"]),
    ])
    func knownValuesGrow(_ row: Growth) {
        var category = Category(key: "city", label: "City", type: row.type, knownValues: row.known)
        #expect(category.absorb(row.arriving) == row.added)
        #expect(category.knownValues == row.after)
    }

    @Test("IdP categories are read-only and not member-editable by default; admin ones the reverse")
    func defaultsBySource() {
        let idp = Category(key: .department, label: "Department", source: .identityProvider)
        #expect(idp.isReadOnly && !idp.isMemberEditable)
        let admin = Category(key: "hobby", label: "Hobby")
        #expect(!admin.isReadOnly && admin.isMemberEditable)
        let locked = Category(key: "level", label: "Level", isMemberEditable: false)
        #expect(!locked.isMemberEditable)
    }

    @Test("a single select takes one value, a multi select several")
    func typeValidation() throws {
        let single = Category(key: "city", label: "City")
        #expect(throws: MemberError.tooManyValues("city", count: 2)) { try single.validate(["Paris", "Lyon"]) }
        try Category(key: "langs", label: "Languages", type: .multiSelect).validate(["fr", "en"])
    }

    @Test("the catalog grows every category and reports what was new")
    func catalogAbsorb() {
        var catalog = CategoryCatalog.identityProviderDefaults
        let grown = catalog.absorb(CategoryValues([.city: ["Paris"], .department: ["R&D"], "unknown": ["x"]]))
        #expect(grown == [.city: ["Paris"], .department: ["R&D"]])
        let again = catalog.absorb(CategoryValues([.city: ["paris"]]))
        #expect(again.isEmpty)
        #expect(catalog[.city]?.knownValues == ["Paris"])
    }

    @Test("the catalog refuses unknown and read-only keys unless the IdP writes")
    func catalogValidation() throws {
        var catalog = CategoryCatalog.identityProviderDefaults
        catalog.add(Category(key: "hobby", label: "Hobby"))
        #expect(throws: MemberError.unknownCategory("nope")) { try catalog.validate(CategoryValues(["nope": ["x"]]), allowingReadOnly: true) }
        #expect(throws: MemberError.readOnlyCategory(.city)) { try catalog.validate(CategoryValues([.city: ["Paris"]]), allowingReadOnly: false) }
        try catalog.validate(CategoryValues([.city: ["Paris"]]), allowingReadOnly: true)
        try catalog.validate(CategoryValues(["hobby": ["chess"]]), allowingReadOnly: false)
        let added = catalog.add(Category(key: "hobby", label: "Other"))
        #expect(!added)
    }

    @Test("categories are found by key or label ignoring case, accents and spaces", arguments: [
        ("job title", CategoryKey.jobTitle), ("JobTitle", .jobTitle), ("Cost Center", .costCenter), (" city ", .city), ("CITY", .city),
    ])
    func lookupByName(name: String, key: CategoryKey) {
        #expect(CategoryCatalog.identityProviderDefaults.category(named: name)?.key == key)
    }

    @Test("a name with nothing left once folded designates no category, even one whose label folds to nothing", arguments: [
        "", " ", "-", "_ .",
    ])
    func emptyNameDesignatesNothing(name: String) {
        var catalog = CategoryCatalog.identityProviderDefaults
        catalog.add(Category(key: "dash", label: "-"))
        #expect(catalog.category(named: name) == nil)
        #expect(catalog.key(named: name) == nil)
        #expect(catalog.category(named: "dash")?.label == "-", "still found by its key")
    }

    @Test("category values are cleaned and changes are detected by key")
    func valuesCleaning() {
        var values = CategoryValues([.city: [" Paris ", "", "paris"]])
        #expect(values[.city] == ["Paris"])
        values[.city] = []
        #expect(values.isEmpty)
        let a = CategoryValues([.city: ["Paris"], .department: ["R&D"]])
        let b = CategoryValues([.city: ["Lyon"], .department: ["R&D"], .division: ["EU"]])
        #expect(a.changedKeys(comparedTo: b) == [.city, .division])
    }

    @Test("a single value is cleaned as in a longer list: trimmed, dropped when blank, kept as given otherwise",
          arguments: [([" Paris "], ["Paris"]), (["Paris"], ["Paris"]), (["  "], []), ([""], []), (["\u{A0}R&D\t"], ["R&D"]),
                      (["Zoé"], ["Zoé"])])
    func singleValueCleaning(_ given: [String], _ expected: [String]) {
        #expect(CategoryValues([.city: given])[.city] == expected)
        // The same as the list with a blank value beside it (the general path).
        #expect(CategoryValues([.city: given + [""]])[.city] == expected)
        #expect(CategoryValues([.city: given]).isEmpty == expected.isEmpty)
    }
}
