/// One attribute of a schema with its characteristics (RFC 7643 §2.2, §7).
///
/// Defaults follow RFC 7643 §2.2: a string, single-valued, optional, not `caseExact`,
/// `readWrite`, returned by `default`, no uniqueness.
public struct AttributeDefinition: Sendable, Hashable {
    /// The characteristics, in one shared box: a definition is copied out of its schema
    /// on every attribute lookup of every request, and a copy of twelve fields (six of
    /// them counted references) cost more than the lookup. Setting a field copies the box
    /// first when it is shared, so definitions keep value semantics.
    private final class Storage: @unchecked Sendable {
        var name: String
        var type: AttributeType
        var isMultiValued: Bool
        var description: String
        var isRequired: Bool
        var isCaseExact: Bool
        var mutability: Mutability
        var returned: Returned
        var uniqueness: Uniqueness
        var canonicalValues: [String]
        var referenceTypes: [String]
        var subAttributes: [AttributeDefinition]

        init(name: String, type: AttributeType, isMultiValued: Bool, description: String, isRequired: Bool, isCaseExact: Bool, mutability: Mutability, returned: Returned, uniqueness: Uniqueness, canonicalValues: [String], referenceTypes: [String], subAttributes: [AttributeDefinition]) {
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

        func copy() -> Storage {
            Storage(name: name, type: type, isMultiValued: isMultiValued, description: description, isRequired: isRequired, isCaseExact: isCaseExact, mutability: mutability, returned: returned, uniqueness: uniqueness, canonicalValues: canonicalValues, referenceTypes: referenceTypes, subAttributes: subAttributes)
        }
    }

    private var storage: Storage

    /// The box, copied first when another definition shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var name: String {
        get { storage.name }
        set { uniqueStorage().name = newValue }
    }
    public var type: AttributeType {
        get { storage.type }
        set { uniqueStorage().type = newValue }
    }
    public var isMultiValued: Bool {
        get { storage.isMultiValued }
        set { uniqueStorage().isMultiValued = newValue }
    }
    public var description: String {
        get { storage.description }
        set { uniqueStorage().description = newValue }
    }
    public var isRequired: Bool {
        get { storage.isRequired }
        set { uniqueStorage().isRequired = newValue }
    }
    public var isCaseExact: Bool {
        get { storage.isCaseExact }
        set { uniqueStorage().isCaseExact = newValue }
    }
    public var mutability: Mutability {
        get { storage.mutability }
        set { uniqueStorage().mutability = newValue }
    }
    public var returned: Returned {
        get { storage.returned }
        set { uniqueStorage().returned = newValue }
    }
    public var uniqueness: Uniqueness {
        get { storage.uniqueness }
        set { uniqueStorage().uniqueness = newValue }
    }
    /// Suggested values (RFC 7643 §7 "canonicalValues"), e.g. `work`, `home`.
    public var canonicalValues: [String] {
        get { storage.canonicalValues }
        set { uniqueStorage().canonicalValues = newValue }
    }
    /// For `reference` attributes: `User`, `Group`, `external`, `uri`, …
    public var referenceTypes: [String] {
        get { storage.referenceTypes }
        set { uniqueStorage().referenceTypes = newValue }
    }
    /// For `complex` attributes.
    public var subAttributes: [AttributeDefinition] {
        get { storage.subAttributes }
        set { uniqueStorage().subAttributes = newValue }
    }

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
        storage = Storage(name: name, type: type, isMultiValued: isMultiValued, description: description, isRequired: isRequired, isCaseExact: isCaseExact, mutability: mutability, returned: returned, uniqueness: uniqueness, canonicalValues: canonicalValues, referenceTypes: referenceTypes, subAttributes: subAttributes)
    }

    /// Equal when every characteristic is (as the synthesized equality was).
    public static func == (lhs: AttributeDefinition, rhs: AttributeDefinition) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.name == rhs.name
            && lhs.type == rhs.type
            && lhs.isMultiValued == rhs.isMultiValued
            && lhs.description == rhs.description
            && lhs.isRequired == rhs.isRequired
            && lhs.isCaseExact == rhs.isCaseExact
            && lhs.mutability == rhs.mutability
            && lhs.returned == rhs.returned
            && lhs.uniqueness == rhs.uniqueness
            && lhs.canonicalValues == rhs.canonicalValues
            && lhs.referenceTypes == rhs.referenceTypes
            && lhs.subAttributes == rhs.subAttributes
    }

    /// Hashes every characteristic.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(isMultiValued)
        hasher.combine(description)
        hasher.combine(isRequired)
        hasher.combine(isCaseExact)
        hasher.combine(mutability)
        hasher.combine(returned)
        hasher.combine(uniqueness)
        hasher.combine(canonicalValues)
        hasher.combine(referenceTypes)
        hasher.combine(subAttributes)
    }

    /// The sub-attribute called `name`, matched ignoring case (RFC 7643 §2.1).
    public func subAttribute(named name: String) -> AttributeDefinition? {
        subAttributes.first { $0.name.equalsIgnoringCase(name) }
    }
}
