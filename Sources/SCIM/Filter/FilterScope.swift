/// Where the attribute paths of a filter are resolved: against a resource type at the
/// top level, or against the sub-attributes of the parent attribute inside a value
/// filter `emails[type eq "work"]` (RFC 7644 §3.4.2.2).
enum FilterScope {
    case resource(ResourceType)
    case element(of: AttributeDefinition)

    /// The attribute whose elements a value filter tests (`emails` in `emails[type eq "work"]`,
    /// also in a PATCH path), or `nil` at resource scope.
    var parent: AttributeDefinition? {
        if case .element(let parent) = self { return parent }
        return nil
    }

    /// A path resolved within the scope.
    struct Resolution {
        /// The resolved top-level attribute, at resource scope.
        var resolved: ResolvedAttribute?
        /// The attribute or sub-attribute the path names.
        var target: AttributeDefinition
    }

    func resolve(_ path: AttributePath) -> Resolution? {
        switch self {
        case .resource(let resourceType):
            guard let resolved = resourceType.resolve(path) else { return nil }
            return Resolution(resolved: resolved, target: resolved.leaf)
        case .element(let parent):
            // Inside brackets a path names a sub-attribute of the parent; a qualified
            // or dotted path cannot (RFC 7644 §3.4.2.2 "valuePath").
            guard path.schemaURN == nil, path.subAttribute == nil,
                  let sub = parent.subAttribute(named: path.name) else { return nil }
            return Resolution(resolved: nil, target: sub)
        }
    }

    /// The attribute a comparison reaches for `target`: `target` itself, or, for a
    /// complex attribute compared without a sub-attribute (`emails eq "x"`), its `value`
    /// sub-attribute (RFC 7643 §2.4: `value` is the attribute's significant value).
    static func comparisonTarget(for target: AttributeDefinition) -> AttributeDefinition? {
        guard target.type == .complex else { return target }
        return target.subAttribute(named: "value")
    }
}
