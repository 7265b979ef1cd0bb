import Foundation
import Testing
@testable import Coffee

/// Rules and audiences name categories by key or label, resolved the same way; a name
/// no category has is refused with the known keys (issue 16, defect 3).
@Suite("Programs — category names in rules and audiences resolve to keys")
struct ProgramDraftCategoriesTests {
    typealias F = ProgramFixture
    static let catalog: CategoryCatalog = {
        var catalog = CategoryCatalog.identityProviderDefaults
        catalog.add(Category(key: CategoryKey("team"), label: "Team", source: .admin))
        return catalog
    }()

    @Test("keys and labels, any case or accent, resolve to the key", arguments: [
        ("department", "department"), ("Department", "department"), ("DEPARTMENT", "department"),
        ("Job title", "jobTitle"), ("jobtitle", "jobTitle"), ("Team", "team"), ("team", "team"),
        ("Cost center", "costCenter"), ("cost_center", "costCenter"), ("Cité", "city"),
    ])
    func resolvesNames(name: String, key: String) throws {
        #expect(Self.catalog.key(named: name)?.rawValue == (name == "Cité" ? nil : key))
        guard name != "Cité" else { return }
        let draft = F.draft(rules: [.differentValue(category: name), .sameValue(category: name),
                                    .denyPair(categoryA: name, valueA: "a", categoryB: "City", valueB: "b")])
        let resolved = try draft.resolvingCategories(in: Self.catalog)
        #expect(resolved.rules == [.differentValue(category: key), .sameValue(category: key),
                                   .denyPair(categoryA: key, valueA: "a", categoryB: "city", valueB: "b")])
    }

    @Test("an unknown category in a rule is refused, naming it and every known key", arguments: [
        MatchingRule.differentValue(category: "departement"),
        .sameValue(category: "Site"),
        .allowPair(categoryA: "department", valueA: "x", categoryB: "floor", valueB: "y"),
    ])
    func unknownRuleCategory(rule: MatchingRule) {
        let error = #expect(throws: ProgramError.self) {
            try F.draft(rules: [rule]).resolvingCategories(in: Self.catalog)
        }
        guard case .unknownCategory(let name, let known) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(["departement", "Site", "floor"].contains(name))
        for key in ["department", "division", "organization", "costCenter", "jobTitle", "city", "team"] {
            #expect(known.contains(key), "\(known)")
        }
        #expect(error?.description.contains("unknown category '\(name)'") == true)
    }

    @Test("audience expressions resolve labels to keys, and refuse unknown categories like rules do")
    func audiences() throws {
        let expression = try AudienceExpression(parsing: "City in (Paris, Lyon) and not Team = HR")
        let resolved = try F.draft(audience: .categories(expression)).resolvingCategories(in: Self.catalog)
        #expect(resolved.audience == .categories(try AudienceExpression(parsing: "city in (Paris, Lyon) and not team = HR")))
        let unknown = try AudienceExpression(parsing: "Departement = Sales or City = Paris")
        #expect(throws: ProgramError.unknownCategory("Departement", known: Self.catalog.knownKeysDescription)) {
            try F.draft(audience: .categories(unknown)).resolvingCategories(in: Self.catalog)
        }
    }

    @Test("an organisation without categories names none")
    func emptyCatalog() {
        #expect(throws: ProgramError.unknownCategory("department", known: "none is defined")) {
            try F.draft(rules: [.differentValue(category: "department")]).resolvingCategories(in: CategoryCatalog())
        }
    }
}
