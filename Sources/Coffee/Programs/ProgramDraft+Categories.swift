/// A draft's category names resolved against the tenant's categories (issue 16: a rule
/// on `departement` used to be accepted and silently do nothing; one on the label
/// `Team` matched nobody while audiences accepted labels).
extension ProgramDraft {
    /// The draft with every category its rules and its audience expression name
    /// replaced by that category's key (``CategoryCatalog/key(named:)``). Throws
    /// ``ProgramError/unknownCategory(_:known:)`` for the first name no category has.
    public func resolvingCategories(in catalog: CategoryCatalog) throws(ProgramError) -> ProgramDraft {
        func resolve(_ name: String) throws(ProgramError) -> String {
            guard let key = catalog.key(named: name) else {
                throw .unknownCategory(name, known: catalog.knownKeysDescription)
            }
            return key.rawValue
        }
        var resolved = self
        resolved.rules = []
        for rule in rules {
            switch rule {
            case .differentValue(let category, let weight):
                resolved.rules.append(.differentValue(category: try resolve(category), weight: weight))
            case .sameValue(let category, let fallback):
                resolved.rules.append(.sameValue(category: try resolve(category), fallback: fallback))
            case .denyPair(let categoryA, let valueA, let categoryB, let valueB):
                resolved.rules.append(.denyPair(categoryA: try resolve(categoryA), valueA: valueA,
                                                categoryB: try resolve(categoryB), valueB: valueB))
            case .allowPair(let categoryA, let valueA, let categoryB, let valueB, let bonus):
                resolved.rules.append(.allowPair(categoryA: try resolve(categoryA), valueA: valueA,
                                                 categoryB: try resolve(categoryB), valueB: valueB, bonus: bonus))
            case .notWithManager, .sameTimeZone, .differentTimeZone:
                resolved.rules.append(rule)
            }
        }
        if case .categories(let expression) = audience {
            resolved.audience = .categories(try expression.mappingKeys { key throws(ProgramError) in
                CategoryKey(try resolve(key.rawValue))
            })
        }
        return resolved
    }
}
