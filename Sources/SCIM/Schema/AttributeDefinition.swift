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
        var characteristics: Characteristics
        init(_ characteristics: Characteristics) { self.characteristics = characteristics }
    }

    /// The twelve characteristics; their equality and hash are the definition's.
    private struct Characteristics: Hashable {
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
    }

    private var storage: Storage

    /// The box, copied first when another definition shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.characteristics) }
        return storage
    }

    public var name: String {
        get { storage.characteristics.name }
        set { uniqueStorage().characteristics.name = newValue }
    }
    public var type: AttributeType {
        get { storage.characteristics.type }
        set { uniqueStorage().characteristics.type = newValue }
    }
    public var isMultiValued: Bool {
        get { storage.characteristics.isMultiValued }
        set { uniqueStorage().characteristics.isMultiValued = newValue }
    }
    public var description: String {
        get { storage.characteristics.description }
        set { uniqueStorage().characteristics.description = newValue }
    }
    public var isRequired: Bool {
        get { storage.characteristics.isRequired }
        set { uniqueStorage().characteristics.isRequired = newValue }
    }
    public var isCaseExact: Bool {
        get { storage.characteristics.isCaseExact }
        set { uniqueStorage().characteristics.isCaseExact = newValue }
    }
    public var mutability: Mutability {
        get { storage.characteristics.mutability }
        set { uniqueStorage().characteristics.mutability = newValue }
    }
    public var returned: Returned {
        get { storage.characteristics.returned }
        set { uniqueStorage().characteristics.returned = newValue }
    }
    public var uniqueness: Uniqueness {
        get { storage.characteristics.uniqueness }
        set { uniqueStorage().characteristics.uniqueness = newValue }
    }
    /// Suggested values (RFC 7643 §7 "canonicalValues"), e.g. `work`, `home`.
    public var canonicalValues: [String] {
        get { storage.characteristics.canonicalValues }
        set { uniqueStorage().characteristics.canonicalValues = newValue }
    }
    /// For `reference` attributes: `User`, `Group`, `external`, `uri`, …
    public var referenceTypes: [String] {
        get { storage.characteristics.referenceTypes }
        set { uniqueStorage().characteristics.referenceTypes = newValue }
    }
    /// For `complex` attributes.
    public var subAttributes: [AttributeDefinition] {
        get { storage.characteristics.subAttributes }
        set { uniqueStorage().characteristics.subAttributes = newValue }
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
        storage = Storage(Characteristics(
            name: name, type: type, isMultiValued: isMultiValued, description: description, isRequired: isRequired,
            isCaseExact: isCaseExact, mutability: mutability, returned: returned, uniqueness: uniqueness,
            canonicalValues: canonicalValues, referenceTypes: referenceTypes, subAttributes: subAttributes))
    }

    /// Equal when every characteristic is (as the synthesized equality was).
    public static func == (lhs: AttributeDefinition, rhs: AttributeDefinition) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.characteristics == rhs.storage.characteristics
    }

    /// Hashes every characteristic.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.characteristics)
    }

    /// Whether no response ever holds the attribute's values: `returned: never`, or
    /// `mutability: writeOnly` (RFC 7643 §7: "the attribute … is never returned"). Such an
    /// attribute cannot be filtered or sorted on either, which would read it back.
    public var isNeverReturned: Bool { returned == .never || mutability == .writeOnly }

    /// The sub-attribute called `name`, matched ignoring case (RFC 7643 §2.1).
    public func subAttribute(named name: String) -> AttributeDefinition? {
        subAttributes.first { $0.name.equalsIgnoringCase(name) }
    }
}
