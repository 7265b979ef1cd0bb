import Foundation
import Testing
@testable import Coffee

@Suite("Rule categories — what an introduction says about each member")
struct RuleCategoriesTests {
    static let catalog = CategoryCatalog.identityProviderDefaults

    @Test("the categories of the rules, in rule order, once each, labelled; time zone and org chart left out")
    func categories() {
        let rules: [MatchingRule] = [
            .differentValue(category: "department"), .sameTimeZone(toleranceHours: 2), .notWithManager(),
            .sameValue(category: "City"), .denyPair(categoryA: "department", valueA: "A", categoryB: "jobTitle", valueB: "B"),
            .differentValue(category: MatchingRule.timeZoneCategory), .allowPair(categoryA: "unknown", valueA: "x", categoryB: "city", valueB: "y"),
        ]
        let categories = RuleCategories(rules: rules, catalog: Self.catalog)
        #expect(categories.categories.map(\.key) == [.department, .city, .jobTitle, "unknown"])
        #expect(categories.categories.map(\.label) == ["Department", "City", "Job title", "unknown"])
    }

    @Test("a member's values, the categories it has none for left out")
    func values() throws {
        let categories = RuleCategories(rules: [.differentValue(category: "department"), .sameValue(category: "city")],
                                        catalog: Self.catalog)
        let member = try Fixture.member(categories: [.city: ["Paris", "Lyon"], .jobTitle: ["Engineer"]])
        #expect(categories.values(of: member) == [IntroducedCategory(label: "City", values: ["Paris", "Lyon"])])
    }
}
