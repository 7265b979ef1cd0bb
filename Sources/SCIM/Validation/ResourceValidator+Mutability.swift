/// `immutable` on replace and patch, and `returned: never` / `writeOnly` on
/// responses (RFC 7643 §2.2, §7).
extension ResourceValidator {
    /// RFC 7643 §7 "immutable": "The attribute MAY be defined at resource creation …
    /// The attribute SHALL NOT be updated." An immutable attribute that already has a
    /// value must keep it. When `output` omits it, a replace (PUT: a client sends what it
    /// manages) carries the existing value over; a patched resource that lost it was
    /// asked to remove it (a `remove` or `replace` of its whole extension or parent),
    /// which is refused as any other change (`carriesOmittedOver` false).
    /// Checked for top-level attributes of the core schema and extensions and for the
    /// sub-attributes of single-valued complex attributes. Sub-attributes of
    /// multi-valued attributes (Group `members.value`) are not compared: a member is
    /// added or removed as a whole, never edited.
    func checkImmutable(_ output: inout JSONObject, existing: JSONValue, carriesOmittedOver: Bool) throws(SCIMError) {
        try checkImmutable(in: &output, existing: existing.objectValue ?? JSONObject(),
                           attributes: resourceType.schema.attributes, prefix: "", carriesOmittedOver: carriesOmittedOver)
        for schemaExtension in resourceType.extensions
        where schemaExtension.schema.attributes.contains(where: Self.guardsImmutable) {
            let urn = schemaExtension.schema.id
            guard let old = existing[attribute: urn]?.objectValue else { continue }
            var new = output[attribute: urn]?.objectValue ?? JSONObject()
            try checkImmutable(in: &new, existing: old, attributes: schemaExtension.schema.attributes, prefix: urn + ":",
                               carriesOmittedOver: carriesOmittedOver)
            if !new.isEmpty { output[attribute: urn] = .object(new) }
        }
    }

    private func checkImmutable(in object: inout JSONObject, existing: JSONObject,
                                attributes: [AttributeDefinition], prefix: String,
                                carriesOmittedOver: Bool) throws(SCIMError) {
        // Only those that can fail or recurse: the others were each two lookups for nothing.
        for definition in attributes where Self.guardsImmutable(definition) {
            guard let old = existing[attribute: definition.name], !old.isNull else { continue }
            let path = prefix + definition.name
            if definition.mutability == .immutable {
                guard let new = object[attribute: definition.name] else {
                    guard carriesOmittedOver else {
                        throw .mutability("The attribute '\(path)' is immutable and cannot be removed (RFC 7643 §7).")
                    }
                    object[attribute: definition.name] = old
                    continue
                }
                if new != old {
                    throw .mutability("The attribute '\(path)' is immutable and cannot be changed (RFC 7643 §7).")
                }
            } else if definition.type == .complex, !definition.isMultiValued,
                      definition.subAttributes.contains(where: { $0.mutability == .immutable }),
                      let oldObject = old.objectValue {
                var newObject = object[attribute: definition.name]?.objectValue ?? JSONObject()
                try checkImmutable(in: &newObject, existing: oldObject, attributes: definition.subAttributes, prefix: path + ".",
                                   carriesOmittedOver: carriesOmittedOver)
                object[attribute: definition.name] = .object(newObject)
            }
        }
    }

    /// Whether ``checkImmutable(_:existing:carriesOmittedOver:)`` has anything to check
    /// for `definition`: it is immutable, or single-valued complex with an immutable
    /// sub-attribute (Users have neither; every PATCH of one looked each attribute up).
    static func guardsImmutable(_ definition: AttributeDefinition) -> Bool {
        definition.mutability == .immutable
            || (definition.type == .complex && !definition.isMultiValued
                && definition.subAttributes.contains { $0.mutability == .immutable })
    }

    /// The resource without `returned: never` or `writeOnly` attributes, at any depth,
    /// in the core schema, the common attributes and every extension.
    func removingNeverReturned(from resource: JSONObject) -> JSONObject {
        var output = JSONObject()
        for member in resource.members {
            if let schemaExtension = resourceType.schema(withID: member.key), schemaExtension.id != resourceType.schema.id,
               case .object(let object) = member.value {
                output.appendUnique(key: member.key, value: .object(Self.removingNeverReturned(from: object, attributes: schemaExtension.attributes)))
                continue
            }
            let definition = resourceType.schema.attribute(named: member.key) ?? Schema.commonAttribute(named: member.key)
            guard let definition else {
                output.appendUnique(key: member.key, value: member.value)
                continue
            }
            guard let value = Self.removingNeverReturned(from: member.value, definition: definition) else { continue }
            output.appendUnique(key: member.key, value: value)
        }
        return output
    }

    static func removingNeverReturned(from object: JSONObject, attributes: [AttributeDefinition]) -> JSONObject {
        var output = JSONObject()
        for member in object.members {
            guard let definition = attributes.first(where: { $0.name.equalsIgnoringCase(member.key) }) else {
                output.appendUnique(key: member.key, value: member.value)
                continue
            }
            guard let value = removingNeverReturned(from: member.value, definition: definition) else { continue }
            output.appendUnique(key: member.key, value: value)
        }
        return output
    }

    static func removingNeverReturned(from value: JSONValue, definition: AttributeDefinition) -> JSONValue? {
        if definition.isNeverReturned { return nil }
        guard definition.type == .complex, !definition.subAttributes.isEmpty else { return value }
        switch value {
        case .object(let object):
            return .object(removingNeverReturned(from: object, attributes: definition.subAttributes))
        case .array(let elements):
            return .array(elements.map { element in
                element.objectValue.map { .object(removingNeverReturned(from: $0, attributes: definition.subAttributes)) } ?? element
            })
        default:
            return value
        }
    }
}
