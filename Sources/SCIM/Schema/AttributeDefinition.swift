/// One attribute of a schema with its characteristics (RFC 7643 §2.2, §7).
///
/// Defaults follow RFC 7643 §2.2: a string, single-valued, optional, not `caseExact`,
/// `readWrite`, returned by `default`, no uniqueness.
public struct AttributeDefinition: Sendable, Hashable {
    public var name: String
    public var type: AttributeType
    public var isMultiValued: Bool
    public var description: String
    public var isRequired: Bool
    public var isCaseExact: Bool
    public var mutability: Mutability
    public var returned: Returned
    public var uniqueness: Uniqueness
    /// Suggested values (RFC 7643 §7 "canonicalValues"), e.g. `work`, `home`.
    public var canonicalValues: [String]
    /// For `reference` attributes: `User`, `Group`, `external`, `uri`, …
    public var referenceTypes: [String]
    /// For `complex` attributes.
    public var subAttributes: [AttributeDefinition]

    public init(
        name: String,
        type: AttributeType = .string,
        isMultiValued: Bool = false,
        description: String = "",
        isRequired: Bool = false,
        isCaseExact: Bool = false,
        mutability: Mutability = .readWrite,
        returned: Returned = .default,
        uniqueness: Uniqueness = .none,
        canonicalValues: [String] = [],
        referenceTypes: [String] = [],
        subAttributes: [AttributeDefinition] = []
    ) {
        self.name = name
        self.type = type
        self.isMultiValued = isMultiValued
        self.description = description
        self.isRequired = isRequired
        self.isCaseExact = isCaseExact
        self.mutability = mutability
        self.returned = returned
        self.uniqueness = uniqueness
        self.canonicalValues = canonicalValues
        self.referenceTypes = referenceTypes
        self.subAttributes = subAttributes
    }

    /// The sub-attribute called `name`, matched ignoring case (RFC 7643 §2.1).
    public func subAttribute(named name: String) -> AttributeDefinition? {
        subAttributes.first { $0.name.equalsIgnoringCase(name) }
    }
}
