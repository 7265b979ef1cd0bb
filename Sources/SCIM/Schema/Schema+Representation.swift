extension Schema {
    /// The representation served at `/Schemas/{id}` (RFC 7643 §7, shaped like the
    /// §8.7.1 examples), with `meta.location` built from `baseURL`
    /// (e.g. `https://example.com/scim/v2`; a trailing `/` is ignored).
    public func representation(baseURL: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.schema)]
        object["id"] = .string(id)
        object["name"] = .string(name)
        object["description"] = .string(description)
        object["attributes"] = .array(attributes.map(\.representation))
        object["meta"] = [
            "resourceType": "Schema",
            "location": .string(Self.trimmedBaseURL(baseURL) + "/Schemas/" + id),
        ]
        return .object(object)
    }

    /// `baseURL` without trailing slashes.
    static func trimmedBaseURL(_ baseURL: String) -> String {
        var trimmed = Substring(baseURL)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

extension AttributeDefinition {
    /// The attribute as one entry of a schema's `attributes` (RFC 7643 §7), members in
    /// the order of the §8.7.1 examples. `caseExact` is given for the types it applies
    /// to (string, reference, binary); `subAttributes` for complex attributes.
    public var representation: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["type"] = .string(type.rawValue)
        if !referenceTypes.isEmpty { object["referenceTypes"] = .array(referenceTypes.map { .string($0) }) }
        object["multiValued"] = .bool(isMultiValued)
        object["description"] = .string(description)
        object["required"] = .bool(isRequired)
        switch type {
        case .string, .reference, .binary: object["caseExact"] = .bool(isCaseExact)
        default: break
        }
        if !canonicalValues.isEmpty { object["canonicalValues"] = .array(canonicalValues.map { .string($0) }) }
        if type == .complex { object["subAttributes"] = .array(subAttributes.map(\.representation)) }
        object["mutability"] = .string(mutability.rawValue)
        object["returned"] = .string(returned.rawValue)
        object["uniqueness"] = .string(uniqueness.rawValue)
        return .object(object)
    }
}
