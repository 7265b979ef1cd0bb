/// Orders resources by `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3).
///
/// - A singular attribute sorts by its value; a multi-valued one by its primary
///   value, else its first value. `sortBy` on a complex attribute names a
///   sub-attribute (`name.familyName`, `emails.value`); naming a multi-valued complex
///   attribute alone (`emails`) uses its `value` sub-attribute.
/// - Values compare by the attribute's type: strings ignoring case unless
///   `caseExact` (then by Unicode scalar values, no locale), numbers numerically,
///   dateTimes as instants (so time zones compare correctly), booleans false first.
/// - RFC 7644 §3.4.2.3: "if there is no data for the specified 'sortBy' value, they
///   are sorted via the 'sortOrder' parameter, i.e., they are ordered last if
///   ascending and first if descending". Descending is therefore the exact reverse of
///   ascending.
/// - Ties keep their input order (the sort is stable), so paging stays consistent
///   when the input order is (Okta requires stable ordering across pages).
public struct ResourceSorter: Sendable {
    let path: ProjectionPath
    let definition: AttributeDefinition?
    let isExtensionPath: Bool
    /// The order requested.
    public let order: SortOrder

    /// A sorter for `sortBy` against `resourceType`.
    ///
    /// - Throws: `invalidValue` when `sortBy` is not an attribute path, or names a
    ///   whole extension.
    public init(sortBy: String, order: SortOrder = .ascending, resourceType: ResourceType) throws(SCIMError) {
        guard let path = ProjectionPath(sortBy, in: resourceType), path.attribute != nil else {
            throw .invalidValue("sortBy must name an attribute, e.g. 'userName' or 'name.familyName', not '\(sortBy)' (RFC 7644 §3.4.2.3).")
        }
        self.path = path
        self.order = order
        self.isExtensionPath = !path.schema.equalsIgnoringCase(resourceType.schema.id)
        let schema = resourceType.schema(withID: path.schema)
        let attribute = path.attribute.flatMap { schema?.attribute(named: $0) ?? Schema.commonAttribute(named: $0) }
        if let sub = path.subAttribute {
            definition = attribute?.subAttribute(named: sub)
        } else if let attribute, attribute.type == .complex {
            definition = attribute.subAttribute(named: "value")
        } else {
            definition = attribute
        }
    }

    /// The resources in sort order.
    public func sorted(_ resources: [JSONValue]) -> [JSONValue] {
        let keyed = resources.enumerated().map { (offset: $0.offset, key: sortKey(of: $0.element), resource: $0.element) }
        let ordered = keyed.sorted { lhs, rhs in
            let ascending = SortKey.ascending(lhs.key, rhs.key)
            let descending = SortKey.ascending(rhs.key, lhs.key)
            let before = order == .ascending ? ascending : descending
            let after = order == .ascending ? descending : ascending
            if before { return true }
            if after { return false }
            return lhs.offset < rhs.offset
        }
        return ordered.map(\.resource)
    }

    /// The value `resource` sorts by, or `nil` when it has none.
    func sortKey(of resource: JSONValue) -> SortKey? {
        guard let attribute = path.attribute else { return nil }
        let container = isExtensionPath ? resource[attribute: path.schema] : resource
        guard var value = container?[attribute: attribute] else { return nil }
        if case .array(let elements) = value {
            guard let chosen = elements.first(where: { $0[attribute: "primary"] == .bool(true) }) ?? elements.first else { return nil }
            value = chosen
        }
        if let sub = path.subAttribute {
            guard let subValue = value[attribute: sub] else { return nil }
            value = subValue
        } else if case .object = value {
            guard let inner = value[attribute: "value"] else { return nil }
            value = inner
        }
        return SortKey(value, definition: definition)
    }
}

/// A comparable form of one attribute value.
enum SortKey: Sendable {
    case bool(Bool)
    case number(Double)
    case string(String)

    init?(_ value: JSONValue, definition: AttributeDefinition?) {
        switch value {
        case .bool(let bool): self = .bool(bool)
        case .integer(let integer): self = .number(Double(integer))
        case .decimal(let double): self = .number(double)
        case .string(let string):
            if definition?.type == .dateTime, let instant = SCIMDateTime.instant(of: string) {
                self = .number(instant)
            } else {
                self = .string(definition?.isCaseExact == true ? string : string.lowercased())
            }
        case .null, .array, .object: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .bool: 0
        case .number: 1
        case .string: 2
        }
    }

    /// True when `lhs` sorts strictly before `rhs` in ascending order; a missing key
    /// sorts after every present one.
    static func ascending(_ lhs: SortKey?, _ rhs: SortKey?) -> Bool {
        switch (lhs, rhs) {
        case (nil, _): return false
        case (.some, nil): return true
        case (.bool(let a)?, .bool(let b)?): return !a && b
        case (.number(let a)?, .number(let b)?): return a < b
        case (.string(let a)?, .string(let b)?): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (let a?, let b?): return a.rank < b.rank
        }
    }
}
