/// PATCH on extensions the resource type does not declare, when they are kept
/// (``PatchApplier/apply(_:to:resourceType:keepsUndeclaredExtensions:)``, issue 15).
/// With no schema there are no types to check: values are stored as sent, as on create.
///
/// A path names an undeclared extension when it starts with `urn:` and neither the
/// core schema nor a declared extension owns it:
/// - the whole extension, when the resource already has an object under that exact
///   URN or its last segment is the resource type's name
///   (`urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User`);
/// - else one of its attributes, the URN being everything before the last `:`
///   (`…:CustomExtensionName:2.0:User:costCenterCode`, `…:2.0:User:badge.number`).
/// Value filters need a schema to type the comparison, so they are `invalidPath` there.
extension PatchDocument {
    /// The undeclared extension (and attribute within it) `text` names, or `nil` when the
    /// path is for the declared schemas.
    func undeclaredTarget(_ text: String) -> (urn: String, attribute: AttributePath?)? {
        guard keepsUndeclaredExtensions, !text.startsDifferentlyIgnoringCase(from: "urn:"), text.lowercased().hasPrefix("urn:"),
              resourceType.schema(withID: text) == nil else { return nil }
        if resource[attribute: text]?.objectValue != nil { return (text, nil) }
        guard let path = AttributePath(parsing: text), let urn = path.schemaURN else { return nil }
        if resourceType.schema(withID: urn) != nil { return nil }
        if path.subAttribute == nil, path.name.equalsIgnoringCase(resourceType.name) { return (text, nil) }
        guard urn.contains(":") else { return nil }
        return (urn, AttributePath(name: path.name, subAttribute: path.subAttribute))
    }

    /// Applies `op` with `value` to the undeclared extension `urn`, or to `attribute` in it.
    mutating func applyUndeclared(_ op: PatchOperation.Op, urn: String, attribute: AttributePath?,
                                  value: JSONValue?, text: String) throws(SCIMError) {
        let key = resource.writtenKey(forAttribute: urn) ?? urn
        var object = resource[attribute: key]?.objectValue ?? JSONObject()
        switch (op, attribute) {
        case (.remove, nil):
            object = JSONObject()
        case (.add, nil), (.replace, nil):
            guard let members = value?.objectValue?.members else {
                throw .invalidValue("The value for '\(text.prefix(200))' must be an object of its attributes (RFC 7643 §3.3).")
            }
            for member in members where !member.key.equalsIgnoringCase("schemas") {
                object[attribute: member.key] = member.value.isNull ? nil : member.value
            }
        case (_, let path?):
            let new: JSONValue? = op == .remove ? nil : Self.merged(op, object[attribute: path.name], value, sub: path.subAttribute)
            object[attribute: path.name] = new
        }
        if object.isEmpty {
            resource.removeAttribute(key)
            updateSchemas(key, present: false)
        } else {
            resource[attribute: key] = .object(object)
            updateSchemas(key, present: true)
        }
    }

    /// The attribute's new value: `add` to an array appends (RFC 7644 §3.5.2.1), a
    /// sub-attribute is set inside the current object, `null` unassigns.
    private static func merged(_ op: PatchOperation.Op, _ current: JSONValue?, _ value: JSONValue?,
                               sub: String?) -> JSONValue? {
        let value = value ?? .null
        if let sub {
            var object = current?.objectValue ?? JSONObject()
            object[attribute: sub] = value.isNull ? nil : value
            return object.isEmpty ? nil : .object(object)
        }
        if value.isNull { return nil }
        if op == .add, case .array(let have)? = current {
            return .array(have + (value.arrayValue ?? [value]))
        }
        return value
    }
}
