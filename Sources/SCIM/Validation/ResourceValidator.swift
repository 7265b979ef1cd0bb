/// Checks and normalises a resource against its resource type for one
/// ``SCIMOperation`` (RFC 7643 §2, §3, §7; RFC 7644 §3.3, §3.5.1).
///
/// On ``SCIMOperation/create`` and ``SCIMOperation/replace`` it returns the resource
/// to store:
/// - `schemas` must be an array of strings listing the core schema. URIs it lists
///   that the resource type does not declare and that carry no data are dropped, not
///   rejected: Entra lists `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`
///   on every Group and once sent a typo'd enterprise URN (docs idp-behaviours §1).
///   The stored `schemas` is the core URN followed by the declared extensions that
///   are listed or carry data, spelled as declared.
/// - An extension object (a top-level key that is a URN) must be declared by the
///   resource type, else `invalidSyntax` naming it (see ``Options/keepsUndeclaredExtensions``
///   and ``Options/unknownAttributes`` for the other policies). A top-level key that
///   qualifies one attribute of a declared extension (RFC 7644 §3.10) is read as part of
///   that extension's object. When it is declared but not
///   listed in `schemas`, it is added to `schemas` unless
///   ``Options/requiresListedExtensions`` is set (then `invalidSyntax`).
/// - Attribute names are matched ignoring case (RFC 7643 §2.1) and **stored in the
///   schema's spelling** (`UserName` → `userName`), so output and filters are
///   predictable; values and member order are kept as sent.
/// - With ``Options/keepsUndeclaredExtensions``, an extension object whose URN is not
///   declared is kept as sent (``UndeclaredExtensions``) instead.
/// - By default an attribute no schema defines is rejected with `invalidSyntax` naming
///   it; ``Options/unknownAttributes`` = `.drop` ignores it instead (RFC 7644 §3.3 lets
///   a provider ignore them). The server picks the options from each tenant's
///   `undeclaredAttributes` setting.
/// - Values are type-checked (RFC 7643 §2.3) with these tolerances: the strings
///   `"true"`/`"false"` in any case become booleans (Entra sends `"True"`, OneLogin
///   `"{$user.active}"`); an integer is accepted for a decimal; a single value given
///   for a multi-valued attribute is wrapped in an array; `null` means unassigned
///   (RFC 7643 §2.5) and is dropped.
/// - `id`, `meta` and every other readOnly attribute or sub-attribute sent by the
///   client are ignored (RFC 7643 §2.2, RFC 7644 §3.3).
/// - Required attributes must be present and, for strings, non-empty
///   (`invalidValue` naming the attribute).
/// - At most one value of a multi-valued attribute is primary (``PrimaryValues``).
/// - On ``SCIMOperation/replace`` and ``SCIMOperation/patch`` an `immutable`
///   attribute that already has a value may not change (`mutability`); when the new
///   resource omits it, the existing value is kept.
///
/// On ``SCIMOperation/response`` it only removes what is never returned:
/// `returned: never` and `writeOnly` attributes (RFC 7643 §7).
public struct ResourceValidator: Sendable {
    /// Policies where RFC 7644 leaves the service provider a choice.
    public struct Options: Sendable, Hashable {
        /// What to do with an attribute no schema of the resource type defines.
        public enum UnknownAttributes: Sendable, Hashable {
            /// Reject the request with `invalidSyntax` naming the attribute (the default).
            case reject
            /// Ignore the attribute and do not store it (RFC 7644 §3.3 "MAY ignore").
            case drop
        }

        /// Default `.reject`.
        public var unknownAttributes: UnknownAttributes
        /// When true, an extension the resource type does not declare (a top-level member
        /// whose key is a schema URN, listed in `schemas` or not) is kept verbatim and
        /// its URN listed in `schemas`; a member keyed by a qualified attribute of such an
        /// extension (`urn:…:CustomExtensionName:2.0:User:costCenter`) is kept inside
        /// that extension's object. Default false (see ``unknownAttributes``).
        public var keepsUndeclaredExtensions: Bool
        /// When true, an extension object whose URN is missing from `schemas` is
        /// rejected; when false (the default), the URN is added to `schemas`.
        public var requiresListedExtensions: Bool

        /// Options with the documented defaults.
        public init(unknownAttributes: UnknownAttributes = .reject, requiresListedExtensions: Bool = false,
                    keepsUndeclaredExtensions: Bool = false) {
            self.unknownAttributes = unknownAttributes
            self.requiresListedExtensions = requiresListedExtensions
            self.keepsUndeclaredExtensions = keepsUndeclaredExtensions
        }
    }

    /// The resource type whose schemas the resource must follow.
    public var resourceType: ResourceType
    /// The validation policies.
    public var options: Options

    /// A validator for `resourceType`.
    public init(resourceType: ResourceType, options: Options = Options()) {
        self.resourceType = resourceType
        self.options = options
    }

    /// Validates `resource` for `operation` and returns it normalised (see the type's
    /// documentation). `existing` is the stored resource, needed on replace and patch
    /// to enforce `immutable`.
    ///
    /// - Throws: `SCIMError` with `invalidSyntax`, `invalidValue` or `mutability`, whose
    ///   detail names the attribute.
    public func validate(_ resource: JSONValue, for operation: SCIMOperation,
                         existing: JSONValue? = nil) throws(SCIMError) -> JSONValue {
        guard case .object(let sent) = resource else {
            throw .invalidSyntax("The resource must be a JSON object (RFC 7644 §3.3).")
        }
        if operation == .response { return .object(removingNeverReturned(from: sent)) }
        let input = nestingQualifiedExtensionKeys(sent)

        let listed = try listedSchemas(in: input)
        let core = resourceType.schema
        guard listed.contains(where: { $0.equalsIgnoringCase(core.id) }) else {
            throw .invalidSyntax("'schemas' must list \(core.id) for a \(resourceType.name) (RFC 7643 §3).")
        }
        var output = JSONObject()
        output.appendUnique(key: "schemas", value: .array([]))
        var extensionsPresent: Set<String> = []
        var undeclared = UndeclaredExtensions()
        let corePrefix = core.id + ":"
        let corePrefixLength = corePrefix.count
        for member in input.members {
            let key = member.key
            if key.equalsIgnoringCase("schemas") { continue }
            if let schemaExtension = resourceType.extensions.first(where: { $0.schema.id.equalsIgnoringCase(key) }) {
                let urn = schemaExtension.schema.id
                if member.value.isNull { continue }
                guard case .object(let object) = member.value else {
                    throw .invalidValue("The extension \(urn) must be a JSON object.")
                }
                if options.requiresListedExtensions, !listed.contains(where: { $0.equalsIgnoringCase(urn) }) {
                    throw .invalidSyntax("The extension \(urn) carries data but is not listed in 'schemas' (RFC 7643 §3).")
                }
                let validated = try validateComplex(object, attributes: schemaExtension.schema.attributes,
                                                    prefix: urn + ":", operation: operation)
                if validated.isEmpty { continue }  // RFC 7643 §2.5: nothing assigned.
                output.appendUnique(key: urn, value: .object(validated))
                extensionsPresent.insert(urn)
                continue
            }
            var attributeName = key
            // The first bytes settle most keys before the costlier comparisons.
            // (A key has at most as many characters as bytes: its bytes rule most out.)
            if !key.startsDifferentlyIgnoringCase(from: corePrefix), key.utf8.count > corePrefixLength,
               key.count > corePrefixLength, String(key.prefix(corePrefixLength)).equalsIgnoringCase(corePrefix) {
                // A core attribute written with its schema URN (RFC 7644 §3.10).
                attributeName = String(key.dropFirst(corePrefix.count))
            } else if !key.startsDifferentlyIgnoringCase(from: "urn:"), key.lowercased().hasPrefix("urn:") {
                if options.keepsUndeclaredExtensions
                    || (operation == .patch && existing?.objectValue?[key] == member.value) {
                    // Kept as sent; on PATCH also what an earlier setting stored and the
                    // PATCH left alone, so changing the setting never strands a member.
                    undeclared.add(key: key, value: member.value)
                    continue
                }
                if options.unknownAttributes == .drop { continue }
                throw .invalidSyntax("The schema extension \(key) is not declared by the \(resourceType.name) resource type; its declared extensions are: \(resourceType.extensions.map(\.schema.id).joined(separator: ", ")).")
            }
            guard let definition = core.attribute(named: attributeName) ?? Schema.commonAttribute(named: attributeName) else {
                if options.unknownAttributes == .drop { continue }
                throw .invalidSyntax("The attribute '\(key)' is not defined by the \(core.name) schema (\(core.id)).")
            }
            if operation != .patch, definition.mutability == .readOnly { continue }
            guard let value = try validateValue(member.value, definition, path: definition.name, operation: operation) else { continue }
            output.appendUnique(key: definition.name, value: value)
        }
        try checkRequired(output, attributes: core.attributes, path: "", operation: operation)
        var schemaList: [JSONValue] = [.string(core.id)]
        for schemaExtension in resourceType.extensions {
            let urn = schemaExtension.schema.id
            let isListed = listed.contains { $0.equalsIgnoringCase(urn) }
            if schemaExtension.isRequired, !extensionsPresent.contains(urn) {
                throw .invalidValue("The extension \(urn) is required for a \(resourceType.name).")
            }
            if isListed || extensionsPresent.contains(urn) { schemaList.append(.string(urn)) }
        }
        for (urn, value) in undeclared.extensions where output[attribute: urn] == nil {
            output.appendUnique(key: urn, value: value)
            schemaList.append(.string(urn))
        }
        output["schemas"] = .array(schemaList)
        if let existing, operation != .create {
            try checkImmutable(&output, existing: existing, carriesOmittedOver: operation != .patch)
        }
        return .object(output)
    }

    /// `input` with each top-level key that qualifies an attribute of a declared
    /// extension (`urn:…:enterprise:2.0:User:department`, RFC 7644 §3.10) moved into
    /// that extension's object, so it is validated with the extension's schema.
    func nestingQualifiedExtensionKeys(_ input: JSONObject) -> JSONObject {
        var output = input
        for member in input.members {
            guard !member.key.startsDifferentlyIgnoringCase(from: "urn:"),
                  String(member.key.prefix(4)).equalsIgnoringCase("urn:") else { continue }
            for schemaExtension in resourceType.extensions {
                let prefix = schemaExtension.schema.id + ":"
                guard member.key.count > prefix.count,
                      String(member.key.prefix(prefix.count)).equalsIgnoringCase(prefix) else { continue }
                var object = output[attribute: schemaExtension.schema.id]?.objectValue ?? JSONObject()
                object[attribute: String(member.key.dropFirst(prefix.count))] = member.value
                output[member.key] = nil
                output[attribute: schemaExtension.schema.id] = .object(object)
                break
            }
        }
        return output
    }

    /// The `schemas` strings; `invalidSyntax` when missing or not an array of strings.
    func listedSchemas(in input: JSONObject) throws(SCIMError) -> [String] {
        guard let value = input[attribute: "schemas"] else {
            throw .invalidSyntax("The resource has no 'schemas' attribute, which is REQUIRED (RFC 7643 §3).")
        }
        // Tolerance: a single string where an array is expected.
        if case .string(let single) = value { return [single] }
        guard case .array(let elements) = value else {
            throw .invalidSyntax("'schemas' must be an array of schema URIs (RFC 7643 §3).")
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let string) = element else {
                throw .invalidSyntax("'schemas' must be an array of schema URIs (RFC 7643 §3).")
            }
            strings.append(string)
        }
        return strings
    }
}
