/// Checks a PATCH value against its attribute's type and brings it to the canonical
/// JSON form (RFC 7643 §2.3, RFC 7644 §3.5.2: "an operation that is not compatible with
/// the attribute's … schema" fails with `invalidValue`).
enum PatchValueCoercion {
    /// One value of `attribute` (ignoring `multiValued`). `null` stays `null`.
    static func single(_ value: JSONValue, as attribute: AttributeDefinition) throws(SCIMError) -> JSONValue {
        if value.isNull { return .null }
        switch attribute.type {
        case .string, .reference, .binary:
            if case .string = value { return value }
        case .boolean:
            if case .bool = value { return value }
            // Entra ID without aadOptscim062020 sends "active": "False"
            // (fixtures/entra/patch-replace-active-string.json); store a real boolean.
            if case .string(let text) = value, let bool = BooleanText.parse(text) { return .bool(bool) }
        case .integer:
            if case .integer = value { return value }
            // 2.0 is an integer written as a decimal. Checked by a round trip through
            // Int64, which needs no libm.
            if case .decimal(let decimal) = value, decimal > -9.2e18, decimal < 9.2e18,
               Double(Int64(decimal)) == decimal {
                return .integer(Int64(decimal))
            }
        case .decimal:
            if case .decimal = value { return value }
            if case .integer(let integer) = value { return .decimal(Double(integer)) }
        case .dateTime:
            // Kept as sent ("Values sent should be stored in the same format they were
            // sent", Microsoft's SCIM guidance) once it parses as an instant.
            if case .string(let text) = value, DateTimeInstant(text) != nil { return value }
        case .complex:
            if case .object(let object) = value { return .object(try complex(object, as: attribute)) }
            // Entra adds a manager as a one-element array, "value": [{"$ref": …, "value": …}]
            // (fixtures/entra/patch-add-manager-array.json): take the element.
            if case .array(let elements) = value, elements.count == 1, !attribute.isMultiValued {
                return try single(elements[0], as: attribute)
            }
            // Entra sends a manager as a plain id, "value": "271"
            // (fixtures/entra/patch-add-manager-plain-string.json): read it as {"value": …}.
            if case .string = value, let valueAttribute = attribute.subAttribute(named: "value") {
                return .object(JSONObject([.init(key: valueAttribute.name, value: try single(value, as: valueAttribute))]))
            }
        }
        throw .invalidValue("The value for '\(attribute.name)' must be a \(attribute.type.rawValue) (RFC 7643 §2.3).")
    }

    /// The members of a complex value: known sub-attributes are checked and coerced,
    /// `null` members dropped (Entra sends `"$ref": null`, fixtures/entra/patch-add-members.json),
    /// unknown members kept as sent.
    static func complex(_ object: JSONObject, as attribute: AttributeDefinition) throws(SCIMError) -> JSONObject {
        var result = JSONObject()
        for member in object.members where !member.value.isNull {
            if let sub = attribute.subAttribute(named: member.key) {
                result[sub.name] = try single(member.value, as: sub)
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }

    /// The values of a multi-valued attribute: an array, or one value taken as a
    /// one-element array (Entra sends single objects for multi-valued attributes).
    static func many(_ value: JSONValue, as attribute: AttributeDefinition) throws(SCIMError) -> [JSONValue] {
        let elements = value.arrayValue ?? [value]
        var result: [JSONValue] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            let coerced = try single(element, as: attribute)
            if !coerced.isNull { result.append(coerced) }
        }
        return result
    }
}
