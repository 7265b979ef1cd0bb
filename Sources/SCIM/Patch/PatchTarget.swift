/// A PATCH path resolved against a resource type: the attribute, the optional value
/// filter and the sub-attribute the operation reaches (RFC 7644 §3.5.2).
struct PatchTarget {
    /// The top-level attribute, with its schema.
    var resolved: ResolvedAttribute
    /// The value filter, validated against the attribute's sub-attributes.
    var filter: Filter?
    /// The compiled value filter.
    var predicate: FilterEvaluator.Predicate?
    /// The sub-attribute, written `name.givenName` or `emails[…].value`.
    var sub: AttributeDefinition?
    /// The path as written, for messages.
    var text: String

    var definition: AttributeDefinition { resolved.definition }

    /// Resolves `path` against `resourceType`; unknown attributes are `invalidPath`,
    /// filters that do not fit the attribute are `invalidFilter` (RFC 7644 §3.12).
    init(_ path: PatchPath, resourceType: ResourceType) throws(SCIMError) {
        text = path.description
        guard let resolved = resourceType.resolve(path.attribute) else {
            throw .invalidPath("'\(path.attribute)' is not an attribute of \(resourceType.name) (RFC 7644 §3.5.2).")
        }
        self.resolved = resolved
        sub = resolved.subDefinition
        if let name = path.filteredSubAttribute {
            guard resolved.definition.type == .complex, let definition = resolved.definition.subAttribute(named: name) else {
                throw .invalidPath("'\(name)' is not a sub-attribute of '\(resolved.definition.name)' (RFC 7644 §3.5.2).")
            }
            sub = definition
        }
        if let filter = path.filter {
            guard resolved.definition.type == .complex else {
                throw .invalidPath("'\(resolved.definition.name)' is not complex, so it cannot take a value filter (RFC 7644 §3.5.2).")
            }
            self.filter = filter
            predicate = try FilterEvaluator.elementPredicate(filter, parent: resolved.definition)
        }
    }

    /// True when the target may not be written at all: `readOnly` attributes and the
    /// common attributes `id`, `meta` and `schemas` (RFC 7643 §3.1, §7).
    var isReadOnly: Bool {
        if !resolved.isExtension, ["id", "meta", "schemas"].contains(where: { definition.name.equalsIgnoringCase($0) }) {
            return true
        }
        return definition.mutability == .readOnly || sub?.mutability == .readOnly
    }

    /// The `attr eq value and …` pairs of a filter made only of equalities on
    /// sub-attributes, from which a missing element can be built; `nil` otherwise.
    func equalityPairs() -> [(AttributeDefinition, FilterValue)]? {
        guard let filter else { return nil }
        return Self.pairs(filter, parent: definition)
    }

    private static func pairs(_ filter: Filter, parent: AttributeDefinition) -> [(AttributeDefinition, FilterValue)]? {
        switch filter {
        case .compare(let path, .eq, let value):
            guard path.schemaURN == nil, path.subAttribute == nil,
                  let sub = parent.subAttribute(named: path.name) else { return nil }
            return [(sub, value)]
        case .and(let lhs, let rhs):
            guard let l = pairs(lhs, parent: parent), let r = pairs(rhs, parent: parent) else { return nil }
            return l + r
        default:
            return nil
        }
    }
}
