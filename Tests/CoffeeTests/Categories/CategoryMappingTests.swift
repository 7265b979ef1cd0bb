import Testing
@testable import Coffee

@Suite("Category mapping — SCIM attribute paths → categories (domain.md, Categories)")
struct CategoryMappingTests {
    static let enterprise = CategoryMapping.enterpriseUserURN

    @Test("the default maps the enterprise attributes, title and the work locality", arguments: [
        (enterprise + ":department", CategoryKey.department),
        (enterprise + ":division", .division),
        (enterprise + ":organization", .organization),
        (enterprise + ":costCenter", .costCenter),
        ("title", .jobTitle),
        (#"addresses[type eq "work"].locality"#, .city),
    ])
    func defaultMapping(path: String, key: CategoryKey) {
        #expect(CategoryMapping.default.entries.contains(CategoryMapping.Entry(path: path, key: key)))
    }

    @Test("the default mapping has exactly six entries, each key once, all in the IdP catalog")
    func defaultComplete() {
        #expect(CategoryMapping.default.entries.count == 6)
        #expect(CategoryMapping.default.keys.count == 6)
        for key in CategoryMapping.default.keys { #expect(CategoryCatalog.identityProviderDefaults[key]?.isReadOnly == true) }
    }

    @Test("values come from the caller's resolver; absent paths give no value")
    func resolvesValues() {
        let resource: [String: [String]] = [
            Self.enterprise + ":department": ["R&D"],
            "title": [" Engineer "],
            #"addresses[type eq "work"].locality"#: ["Paris"],
        ]
        let values = CategoryMapping.default.categoryValues { resource[$0] ?? [] }
        #expect(values == CategoryValues([.department: ["R&D"], .jobTitle: ["Engineer"], .city: ["Paris"]]))
        #expect(values[.division].isEmpty)
    }

    @Test("several paths may fill one key; values concatenate in order, deduplicated")
    func severalPathsOneKey() {
        let mapping = CategoryMapping([
            .init(path: "a", key: "team"), .init(path: "b", key: "team"),
        ])
        let values = mapping.categoryValues { path in path == "a" ? ["Blue"] : ["blue", "Red"] }
        #expect(values["team"] == ["Blue", "Red"])
    }

    @Test("an update recomputes only the mapped keys: portal-filled categories survive")
    func updateKeepsUnmapped() throws {
        let member = try Fixture.member(categories: [.city: ["Paris"], "hobby": ["chess"]])
        let draft = try Fixture.draft(categories: CategoryMapping.default.categoryValues { $0 == "title" ? ["CTO"] : [] }.storage)
        let result = try ProvisioningTransition.updateFromIdP(member, with: draft, settings: TenantSettings(), at: Fixture.t0)
        #expect(result.member.categoryValues == CategoryValues([.jobTitle: ["CTO"], "hobby": ["chess"]]))
    }
}
