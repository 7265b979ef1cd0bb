/// The categories a program's matching rules read, in rule order, each once, with its
/// label from the tenant's catalog: what an introduction says about each member ("Ada
/// Lovelace — Department: Engineering, City: Paris"). The time-zone pseudo-category is
/// left out (the proposed meeting time speaks for it).
public struct RuleCategories: Sendable, Equatable {
    /// The categories' keys and labels, in the order the rules name them.
    public private(set) var categories: [(key: CategoryKey, label: String)]

    /// The categories of `rules`. A rule's category is resolved by key, then by label
    /// (as rules written with a label are); an unknown one keeps its name as its label.
    public init(rules: [MatchingRule], catalog: CategoryCatalog) {
        var names: [String] = []
        for rule in rules {
            switch rule {
            case .differentValue(let category, _), .sameValue(let category, _):
                names.append(category)
            case .denyPair(let categoryA, _, let categoryB, _), .allowPair(let categoryA, _, let categoryB, _, _):
                names += [categoryA, categoryB]
            case .notWithManager, .sameTimeZone, .differentTimeZone:
                break
            }
        }
        var seen: Set<CategoryKey> = []
        categories = []
        for name in names where name != MatchingRule.timeZoneCategory {
            let category = catalog[CategoryKey(name)] ?? catalog.category(named: name)
            let key = category?.key ?? CategoryKey(name)
            if seen.insert(key).inserted { categories.append((key, category?.label ?? name)) }
        }
    }

    /// `member`'s values of these categories, those it has no value for left out.
    public func values(of member: Member) -> [IntroducedCategory] {
        categories.compactMap { category in
            let values = member.categoryValues[category.key]
            return values.isEmpty ? nil : IntroducedCategory(label: category.label, values: values)
        }
    }

    /// Compares keys and labels.
    public static func == (lhs: RuleCategories, rhs: RuleCategories) -> Bool {
        lhs.categories.elementsEqual(rhs.categories) { $0.key == $1.key && $0.label == $1.label }
    }
}
