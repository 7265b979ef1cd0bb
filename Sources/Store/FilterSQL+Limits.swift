import SCIM

extension FilterSQL {
    /// The deepest ``Filter/flattenedDepth`` a filter may have: SQLite's parser fails
    /// (`parser stack overflow`) at about 24 levels of the heaviest conditions (attributes
    /// read from the JSON, alternating `and`/`or`), so 16 leaves a margin. Chains of one
    /// operator are one level however long, so any filter within the 4096-character
    /// limit that does not nest `not`, `[…]` or alternating `and`/`or` this deep passes.
    public static let maxNestingDepth = 16

    /// Throws `invalidFilter` for a filter the Store cannot answer faithfully: one
    /// nested deeper than ``maxNestingDepth``, or one that names an attribute the server
    /// computes only when it writes a response, from the request's base URL, so that no
    /// stored resource could ever match it (`meta.location`, `members.$ref` and a User's
    /// `groups.$ref`), or `password`, which is never stored.
    public static func checkSupported(_ filter: Filter, kind: ResourceKind) throws(SCIMError) {
        let depth = filter.flattenedDepth
        guard depth <= maxNestingDepth else {
            throw .invalidFilter("The filter nests 'not', '[…]' or alternating 'and'/'or' \(depth) levels deep; "
                + "at most \(maxNestingDepth) are supported. Chains of one operator ('a or b or c …') may be as long as the filter length allows.")
        }
        if let path = computedAttribute(in: filter, kind: kind) {
            let reason = path.lowercased() == "password" ? "passwords are never stored"
                : "the server computes it from its own URL when it answers; filter on 'id', or on 'members.value' / 'groups.value', instead"
            throw .invalidFilter("'\(path)' cannot be used in a filter: \(reason).")
        }
    }

    /// The first attribute of `filter` that is computed or never stored, as written, or `nil`.
    private static func computedAttribute(in filter: Filter, kind: ResourceKind, parent: String? = nil) -> String? {
        switch filter {
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return computedAttribute(in: lhs, kind: kind, parent: parent) ?? computedAttribute(in: rhs, kind: kind, parent: parent)
        case .not(let inner):
            return computedAttribute(in: inner, kind: kind, parent: parent)
        case .valuePath(let path, let inner):
            if let named = computed(path, kind: kind) { return named }
            guard let attribute = kind.resourceType.resolve(path)?.definition.name else { return nil }
            return computedAttribute(in: inner, kind: kind, parent: attribute)
        case .present(let path), .compare(let path, _, _):
            if let parent {
                return computed(AttributePath(name: parent, subAttribute: path.name), kind: kind).map { _ in "\(parent).\(path.name)" }
            }
            return computed(path, kind: kind)
        }
    }

    /// `path` as written when it names a computed or never-stored attribute, else `nil`.
    private static func computed(_ path: AttributePath, kind: ResourceKind) -> String? {
        guard let resolved = kind.resourceType.resolve(path), !resolved.isExtension else { return nil }
        switch (resolved.definition.name, resolved.subDefinition?.name) {
        case ("meta", "location"), ("members", "$ref"), ("groups", "$ref"), ("password", _): return path.description
        default: return nil
        }
    }
}
