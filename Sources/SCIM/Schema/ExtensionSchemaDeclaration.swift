/// An administrator's declaration of a schema extension of the User resource type
/// (issue 15), read from its JSON and checked, as a ``Schema``.
///
/// The JSON is the schema's RFC 7643 §7 representation (what `GET /Schemas/{id}`
/// returns, so one can be declared again as served; `schemas` and `meta` are ignored):
/// `id` (or `urn`), `name`, `description`, and `attributes`, each with `name`, `type`,
/// `multiValued`, `description`, `required`, `caseExact`, `mutability`, `returned`,
/// `uniqueness`, `canonicalValues`, `referenceTypes` and, for `complex`, `subAttributes`.
/// Omitted characteristics take the RFC 7643 §2.2 defaults.
///
/// Refused with `invalidValue` naming what is wrong:
/// - an id that is not a URN (`urn:` NID `:` NSS, RFC 8141 characters but `/` and `%`, so
///   that a path segment names it), or one of the
///   reserved ones: the core schemas and messages (`urn:ietf:params:scim:schemas:core:…`,
///   `urn:ietf:params:scim:api:…`) and the extensions the service defines itself
///   (Enterprise User, Percolator);
/// - no attributes, an attribute name that breaks RFC 7643 §2.1 (`ALPHA *(nameChar)`,
///   nameChar `-`, `_`, digit, letter), or two that differ only in case;
/// - a type, mutability, returned or uniqueness outside the RFC set;
/// - a complex attribute without sub-attributes or with a complex one (RFC 7643 §2.3.8:
///   one level deep), sub-attributes on a simple attribute;
/// - a characteristic no RFC 7643 §7 attribute has (a typo would otherwise be ignored).
public enum ExtensionSchemaDeclaration {
    /// The most attributes (sub-attributes included) one declaration may have.
    public static let maxAttributes = 200
    /// The longest URN, name or description.
    public static let maxTextLength = 1_024

    /// Prefixes no declared URN may start with (ignoring case).
    static let reservedPrefixes = ["urn:ietf:params:scim:schemas:core:", "urn:ietf:params:scim:api:"]

    /// The schema `value` declares; `builtIn` is the resource type it extends, whose
    /// own schemas may not be declared again.
    public static func parse(_ value: JSONValue, extending builtIn: ResourceType = .user) throws(SCIMError) -> Schema {
        guard case .object(let object) = value else {
            throw .invalidValue("A schema declaration must be a JSON object with 'id' and 'attributes'.")
        }
        try checkKeys(object, allowed: ["id", "urn", "name", "description", "attributes", "schemas", "meta"], in: "the schema")
        // `urn` stands for `id` when `id` is absent; whenever given, it must be text (or null).
        if let alias = object[attribute: "urn"], alias != .null, alias.stringValue == nil {
            throw .invalidValue("'urn' must be text: the schema's URN, as in 'id'.")
        }
        guard let urn = (object[attribute: "id"] ?? object[attribute: "urn"])?.stringValue else {
            throw .invalidValue("A schema declaration needs its URN in 'id', e.g. \"urn:example:params:scim:schemas:extension:acme:2.0:User\".")
        }
        try checkURN(urn, builtIn: builtIn)
        let name = try text(object, "name", in: "the schema") ?? String(urn.split(separator: ":").last ?? "")
        let description = try text(object, "description", in: "the schema") ?? ""
        guard let items = object[attribute: "attributes"]?.arrayValue, !items.isEmpty else {
            throw .invalidValue("The schema \(urn) needs a non-empty 'attributes' list.")
        }
        var count = 0
        let attributes = try attributeList(items, parent: nil, count: &count)
        return Schema(id: urn, name: name, description: description, attributes: attributes)
    }

    /// The declaration of `schema` as ``parse(_:extending:)`` reads it: its RFC 7643 §7
    /// representation without `meta`.
    public static func declaration(of schema: Schema) -> JSONValue {
        var object = schema.representation(baseURL: "").objectValue ?? JSONObject()
        object["meta"] = nil
        return .object(object)
    }

    /// Checks that `urn` is a URN (RFC 8141) that is free to declare.
    public static func checkURN(_ urn: String, builtIn: ResourceType = .user) throws(SCIMError) {
        let parts = urn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        // RFC 8141's NSS characters but `/` and `%`, so `/api/v1/schemas/{urn}` addresses every one.
        let nssCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()+,-.:=@;$_!*'")
        guard urn.utf8.count <= maxTextLength, parts.count == 3, parts[0].lowercased() == "urn",
              let first = parts[1].first, first.isASCII, first.isLetter || first.isNumber, parts[1].count <= 32,
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
              !parts[2].isEmpty, parts[2].allSatisfy(nssCharacters.contains), !urn.hasSuffix(":")
        else {
            throw .invalidValue("'\(urn.prefix(80))' is not a URN (RFC 8141: urn:<namespace>:<name>), e.g. \"urn:example:params:scim:schemas:extension:acme:2.0:User\".")
        }
        let lowered = urn.lowercased()
        if let reserved = reservedPrefixes.first(where: { lowered.hasPrefix($0) }) {
            throw .invalidValue("'\(urn)' is reserved for SCIM's own schemas (\(reserved)…); declare an extension under another URN.")
        }
        for schema in builtIn.allSchemas where lowered == schema.id.lowercased() || lowered.hasPrefix(schema.id.lowercased() + ":")
            || schema.id.lowercased().hasPrefix(lowered + ":") {
            throw .invalidValue("'\(urn)' is the service's own schema \(schema.id), or overlaps it; declare an extension under another URN.")
        }
    }

    private static func attributeList(_ items: [JSONValue], parent: String?, count: inout Int) throws(SCIMError) -> [AttributeDefinition] {
        var attributes: [AttributeDefinition] = []
        for item in items {
            count += 1
            guard count <= maxAttributes else {
                throw .invalidValue("A schema declaration may have at most \(maxAttributes) attributes and sub-attributes.")
            }
            let attribute = try attribute(item, parent: parent, count: &count)
            if attributes.contains(where: { $0.name.equalsIgnoringCase(attribute.name) }) {
                throw .invalidValue("The attribute '\(qualified(attribute.name, parent))' is declared twice (names ignore case, RFC 7643 §2.1).")
            }
            attributes.append(attribute)
        }
        return attributes
    }

    private static func attribute(_ item: JSONValue, parent: String?, count: inout Int) throws(SCIMError) -> AttributeDefinition {
        guard case .object(let object) = item, let name = object[attribute: "name"]?.stringValue else {
            throw .invalidValue("Each attribute\(parent.map { " of '\($0)'" } ?? "") must be an object with a 'name'.")
        }
        let path = qualified(name, parent)
        try checkName(name, path: path)
        try checkKeys(object, allowed: ["name", "type", "multiValued", "description", "required", "caseExact", "mutability",
                                        "returned", "uniqueness", "canonicalValues", "referenceTypes", "subAttributes"],
                      in: "the attribute '\(path)'")
        var definition = AttributeDefinition(name: name)
        definition.type = try characteristic(object, "type", path: path) ?? .string
        definition.isMultiValued = try flag(object, "multiValued", path: path) ?? false
        definition.description = try text(object, "description", in: "the attribute '\(path)'") ?? ""
        definition.isRequired = try flag(object, "required", path: path) ?? false
        definition.isCaseExact = try flag(object, "caseExact", path: path) ?? false
        definition.mutability = try characteristic(object, "mutability", path: path) ?? .readWrite
        definition.returned = try characteristic(object, "returned", path: path) ?? .default
        definition.uniqueness = try characteristic(object, "uniqueness", path: path) ?? .none
        definition.canonicalValues = try strings(object, "canonicalValues", path: path)
        definition.referenceTypes = try strings(object, "referenceTypes", path: path)
        let subValue = object[attribute: "subAttributes"] ?? .null
        guard subValue.isNull || subValue.arrayValue != nil else {
            throw .invalidValue("'subAttributes' of the attribute '\(path)' must be a list of attributes.")
        }
        let subItems = subValue.arrayValue ?? []
        if definition.type == .complex {
            guard parent == nil else {
                throw .invalidValue("The sub-attribute '\(path)' cannot be complex: complex attributes are one level deep (RFC 7643 §2.3.8).")
            }
            guard !subItems.isEmpty else {
                throw .invalidValue("The complex attribute '\(path)' needs a non-empty 'subAttributes' list.")
            }
            definition.subAttributes = try attributeList(subItems, parent: name, count: &count)
        } else if !subItems.isEmpty {
            throw .invalidValue("The attribute '\(path)' is \(definition.type.rawValue), so it cannot have sub-attributes; make it complex.")
        }
        return definition
    }

    /// RFC 7643 §2.1: `ATTRNAME = ALPHA *(nameChar)`, `nameChar = "-" / "_" / DIGIT / ALPHA`.
    private static func checkName(_ name: String, path: String) throws(SCIMError) {
        guard let first = name.first, first.isASCII, first.isLetter, name.utf8.count <= 128,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .invalidValue("'\(path.prefix(140))' is not an attribute name: a letter, then letters, digits, '-' or '_' (RFC 7643 §2.1).")
        }
    }

    private static func checkKeys(_ object: JSONObject, allowed: [String], in place: String) throws(SCIMError) {
        for member in object.members where !allowed.contains(where: { $0.equalsIgnoringCase(member.key) }) {
            throw .invalidValue("'\(member.key.prefix(80))' is not a characteristic of \(place); allowed: \(allowed.filter { $0 != "urn" && $0 != "schemas" && $0 != "meta" }.joined(separator: ", ")).")
        }
    }

    private static func text(_ object: JSONObject, _ key: String, in place: String) throws(SCIMError) -> String? {
        guard let value = object[attribute: key], !value.isNull else { return nil }
        guard let text = value.stringValue, text.utf8.count <= maxTextLength else {
            throw .invalidValue("'\(key)' of \(place) must be a string of at most \(maxTextLength) bytes.")
        }
        return text
    }

    private static func flag(_ object: JSONObject, _ key: String, path: String) throws(SCIMError) -> Bool? {
        guard let value = object[attribute: key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw .invalidValue("'\(key)' of the attribute '\(path)' must be true or false.") }
        return flag
    }

    private static func characteristic<T: RawRepresentable & CaseIterable>(_ object: JSONObject, _ key: String,
                                                                           path: String) throws(SCIMError) -> T? where T.RawValue == String {
        guard let value = object[attribute: key], !value.isNull else { return nil }
        guard let text = value.stringValue, let parsed = T.allCases.first(where: { $0.rawValue.equalsIgnoringCase(text) }) else {
            throw .invalidValue("'\(key)' of the attribute '\(path)' must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")) (RFC 7643 §7).")
        }
        return parsed
    }

    private static func strings(_ object: JSONObject, _ key: String, path: String) throws(SCIMError) -> [String] {
        guard let value = object[attribute: key], !value.isNull else { return [] }
        guard let items = value.arrayValue, items.count <= maxAttributes,
              let strings = Optional(items.compactMap(\.stringValue)), strings.count == items.count,
              strings.allSatisfy({ $0.utf8.count <= maxTextLength }) else {
            throw .invalidValue("'\(key)' of the attribute '\(path)' must be a list of strings.")
        }
        return strings
    }

    private static func qualified(_ name: String, _ parent: String?) -> String {
        parent.map { "\($0).\(name)" } ?? name
    }
}

extension ResourceType {
    /// This resource type with `declared` added to its extensions, none required (the
    /// extensions a tenant declares, issue 15).
    public func declaring(_ declared: [Schema]) -> ResourceType {
        guard !declared.isEmpty else { return self }
        var type = self
        type.extensions += declared.map { Extension(schema: $0, isRequired: false) }
        return type
    }
}
