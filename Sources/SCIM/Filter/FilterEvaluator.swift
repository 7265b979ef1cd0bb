/// Evaluates a ``Filter`` against resources in memory (RFC 7644 §3.4.2.2).
///
/// The filter is validated once and compiled to a tree of closures, each specialised
/// for its attribute's type and `caseExact` (RFC 7643 §2.2), so matching a resource does
/// no schema lookups. Semantics:
/// - strings compare ignoring case unless the attribute is `caseExact` (binary always
///   is); `gt`/`lt` on strings are lexicographic;
/// - dateTime values compare as instants, whatever their offsets (RFC 7643 §2.3.5);
/// - integers and decimals compare as numbers;
/// - a multi-valued attribute matches when ANY of its values matches (§3.4.2.2);
/// - `pr` is false for a missing attribute, `null`, `""`, `[]` and `{}` or an object with
///   no present member ("non-empty value … non-empty node");
/// - `ne` is the negation of `eq`: it matches when no value equals the operand, so a
///   resource without the attribute matches `title ne "x"`. (RFC 7644 leaves missing
///   attributes unspecified; this keeps `ne` ≡ `not (eq)` in memory and in SQL);
/// - `eq null` matches when the attribute is absent (RFC 7643 §2.5: null is unassigned),
///   `ne null` when it is present;
/// - ordering and substring operators never match a missing attribute.
public struct FilterEvaluator: Sendable {
    /// The filter this evaluator was compiled from.
    public let filter: Filter
    private let predicate: Predicate

    typealias Predicate = @Sendable (JSONObject) -> Bool
    typealias Getter = @Sendable (JSONObject) -> [JSONValue]

    /// Validates `filter` against `resourceType` (``FilterValidator``) and compiles it.
    public init(_ filter: Filter, resourceType: ResourceType) throws(SCIMError) {
        try FilterValidator.validate(filter, against: resourceType)
        self.filter = filter
        self.predicate = Self.compile(filter, in: .resource(resourceType))
    }

    /// Parses, validates and compiles filter text.
    public init(parsing text: String, resourceType: ResourceType,
                limits: FilterParser.Limits = .default) throws(SCIMError) {
        try self.init(FilterParser.parse(text, limits: limits), resourceType: resourceType)
    }

    /// True when `resource` matches the filter.
    public func matches(_ resource: JSONObject) -> Bool { predicate(resource) }

    /// True when `resource` is an object that matches the filter.
    public func matches(_ resource: JSONValue) -> Bool {
        guard let object = resource.objectValue else { return false }
        return predicate(object)
    }

    // MARK: - Compilation

    static func compile(_ filter: Filter, in scope: FilterScope) -> Predicate {
        switch filter {
        case .and(let lhs, let rhs):
            let l = compile(lhs, in: scope), r = compile(rhs, in: scope)
            return { l($0) && r($0) }
        case .or(let lhs, let rhs):
            let l = compile(lhs, in: scope), r = compile(rhs, in: scope)
            return { l($0) || r($0) }
        case .not(let inner):
            let p = compile(inner, in: scope)
            return { !p($0) }
        case .present(let path):
            guard let get = getter(path, in: scope, implicitValue: false) else { return { _ in false } }
            return { get($0).contains(where: isPresent) }
        case .valuePath(let path, let inner):
            guard let resolution = scope.resolve(path) else { return { _ in false } }
            let elements = getter(path, in: scope, implicitValue: false) ?? { _ in [] }
            let p = compile(inner, in: .element(of: resolution.target))
            return { resource in
                elements(resource).contains { $0.objectValue.map(p) ?? false }
            }
        case .compare(let path, let op, let value):
            guard let get = getter(path, in: scope, implicitValue: true),
                  let resolution = scope.resolve(path),
                  let target = FilterScope.comparisonTarget(for: resolution.target) else { return { _ in false } }
            if case .null = value {
                let wantPresent = op == .ne
                return { get($0).isEmpty != wantPresent }
            }
            guard let test = ValueComparator.make(op == .ne ? .eq : op, value, for: target) else { return { _ in false } }
            if op == .ne { return { !get($0).contains(where: test) } }
            return { get($0).contains(where: test) }
        }
    }

    /// A closure returning the non-null values `path` reaches in a resource (or in an
    /// element, inside brackets), arrays flattened. With `implicitValue`, a complex
    /// attribute without a sub-attribute yields its elements' `value` sub-attributes.
    private static func getter(_ path: AttributePath, in scope: FilterScope, implicitValue: Bool) -> Getter? {
        guard let resolution = scope.resolve(path) else { return nil }
        let name = resolution.resolved?.definition.name ?? resolution.target.name
        var sub = resolution.resolved?.subDefinition?.name
        if sub == nil, implicitValue, resolution.target.type == .complex { sub = "value" }
        let extensionURN = resolution.resolved.flatMap { $0.isExtension ? $0.schema.id : nil }
        let subName = sub
        return { resource in
            let container: JSONObject?
            if let extensionURN { container = resource[attribute: extensionURN]?.objectValue } else { container = resource }
            guard let value = container?[attribute: name] else { return [] }
            var top: [JSONValue] = []
            flatten(value, into: &top)
            guard let subName else { return top }
            var result: [JSONValue] = []
            for element in top {
                if let inner = element[attribute: subName] { flatten(inner, into: &result) }
            }
            return result
        }
    }

    private static func flatten(_ value: JSONValue, into result: inout [JSONValue]) {
        switch value {
        case .null: return
        case .array(let elements):
            for element in elements where !element.isNull { result.append(element) }
        default: result.append(value)
        }
    }

    /// RFC 7644 §3.4.2.2 `pr`: "If the attribute has a non-empty value, or if it contains
    /// a non-empty node for complex attributes, there is a match."
    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .string(let string): return !string.isEmpty
        case .array(let elements): return elements.contains(where: isPresent)
        case .object(let object): return object.members.contains { isPresent($0.value) }
        default: return true
        }
    }
}

extension FilterEvaluator {
    /// Validates and compiles a value filter (`type eq "work"` in `emails[type eq "work"]`)
    /// whose paths are sub-attributes of `parent`, for PATCH paths (RFC 7644 §3.5.2).
    static func elementPredicate(_ filter: Filter, parent: AttributeDefinition) throws(SCIMError) -> Predicate {
        try FilterValidator.validate(filter, in: .element(of: parent))
        return compile(filter, in: .element(of: parent))
    }
}
