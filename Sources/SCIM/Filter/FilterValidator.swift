/// Checks a parsed ``Filter`` against a ``ResourceType`` before it is evaluated or
/// translated to SQL (RFC 7644 §3.4.2.2; errors per §3.12 Table 9 `invalidFilter`).
///
/// Rules:
/// - every attribute path must name an attribute of the resource type (core, common
///   attribute of RFC 7643 §3.1, or extension); inside `[…]`, a sub-attribute of the parent;
/// - `gt`, `ge`, `lt`, `le` are not defined on boolean or binary attributes (§3.4.2.2
///   "Boolean and Binary attributes SHALL cause a failed response");
/// - `co`, `sw`, `ew` need a string or reference attribute;
/// - the value must suit the attribute type: a string for string, reference and binary,
///   a number for integer and decimal, an xsd:dateTime string for dateTime, a boolean (or
///   the strings `"true"`/`"false"`, which IdPs send) for boolean; `null` only with `eq`/`ne`;
/// - a complex attribute compared without a sub-attribute (`emails eq "a@x"`) compares its
///   `value` sub-attribute (RFC 7643 §2.4); one without `value` cannot be compared;
/// - a value path needs a complex attribute and no sub-attribute before `[`;
/// - an attribute that is never returned (`returned: never`, or `mutability: writeOnly`),
///   or a sub-attribute of one, cannot be filtered on: a filter would read its values back
///   one character at a time (`pin sw "4"`), which the RFC 7643 §7 characteristics forbid.
public enum FilterValidator {
    /// Throws `invalidFilter` when `filter` breaks one of the rules above.
    public static func validate(_ filter: Filter, against resourceType: ResourceType) throws(SCIMError) {
        try validate(filter, in: .resource(resourceType))
    }

    static func validate(_ filter: Filter, in scope: FilterScope) throws(SCIMError) {
        switch filter {
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            try validate(lhs, in: scope)
            try validate(rhs, in: scope)
        case .not(let inner):
            try validate(inner, in: scope)
        case .present(let path):
            _ = try resolve(path, in: scope)
        case .valuePath(let path, let inner):
            let target = try resolve(path, in: scope)
            guard target.type == .complex, path.subAttribute == nil else {
                throw .invalidFilter("'\(path)' is not a complex attribute, so it cannot take a value filter '[…]'")
            }
            try validate(inner, in: .element(of: target))
        case .compare(let path, let op, let value):
            let target = try resolve(path, in: scope)
            guard let compared = FilterScope.comparisonTarget(for: target) else {
                throw .invalidFilter("'\(path)' is complex; compare one of its sub-attributes, e.g. '\(path.name).\(target.subAttributes.first?.name ?? "value")'")
            }
            if compared.isNeverReturned { throw neverReturned(path) }
            try check(op, value, on: compared, path: path)
        }
    }

    private static func resolve(_ path: AttributePath, in scope: FilterScope) throws(SCIMError) -> AttributeDefinition {
        guard let resolution = scope.resolve(path) else {
            throw .invalidFilter("Unknown attribute '\(path)'")
        }
        if resolution.resolved?.definition.isNeverReturned == true || resolution.target.isNeverReturned
            || scope.parent?.isNeverReturned == true {
            throw neverReturned(path)
        }
        return resolution.target
    }

    private static func neverReturned(_ path: AttributePath) -> SCIMError {
        .invalidFilter("'\(path)' is never returned (write-only), so it cannot be used in a filter.")
    }

    private static func check(_ op: ComparisonOperator, _ value: FilterValue, on attribute: AttributeDefinition,
                              path: AttributePath) throws(SCIMError) {
        if case .null = value {
            guard op == .eq || op == .ne else {
                throw .invalidFilter("'\(op.rawValue) null' is not defined; use 'eq null', 'ne null' or 'pr'")
            }
            return
        }
        if op.isOrdering, attribute.type == .boolean || attribute.type == .binary {
            throw .invalidFilter("'\(op.rawValue)' cannot compare the \(attribute.type.rawValue) attribute '\(path)' (RFC 7644 §3.4.2.2)")
        }
        if op.isSubstring, attribute.type != .string, attribute.type != .reference {
            throw .invalidFilter("'\(op.rawValue)' needs a string attribute; '\(path)' is \(attribute.type.rawValue)")
        }
        let fits: Bool
        switch (attribute.type, value) {
        case (.string, .string), (.reference, .string), (.binary, .string): fits = true
        case (.boolean, .bool): fits = true
        case (.boolean, .string(let text)): fits = BooleanText.parse(text) != nil
        case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal): fits = true
        case (.dateTime, .string(let text)): fits = DateTimeInstant(text) != nil
        default: fits = false
        }
        guard fits else {
            throw .invalidFilter("\(value) is not a valid \(attribute.type.rawValue) value for '\(path)'")
        }
    }
}

/// The strings IdPs send for booleans: Entra sends `"False"` and `"True"`
/// (fixtures/entra/patch-replace-active-string.json), OneLogin templates `"true"`.
enum BooleanText {
    /// `true`/`false` spelled in any case, else `nil`.
    static func parse(_ text: String) -> Bool? {
        if text.equalsIgnoringCase("true") { return true }
        if text.equalsIgnoringCase("false") { return false }
        return nil
    }
}
