/// The extensions of a resource that its resource type does not declare, kept as sent
/// when ``ResourceValidator/Options/keepsUndeclaredExtensions`` is set (issue 15).
///
/// A member whose key is a schema URN and whose value is an object is one extension
/// (Okta's `"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User": {…}`).
/// A member whose key is a qualified attribute of such an extension
/// (`"urn:…:CustomExtensionName:2.0:User:costCenter": "42"`, RFC 7644 §3.10) is put
/// inside that extension's object, so a resource reads the same whichever way it was
/// written. `null` values and empty objects mean nothing assigned (RFC 7643 §2.5).
struct UndeclaredExtensions {
    /// The extensions in the order first met: URN as first spelled, value.
    private(set) var extensions: [(urn: String, value: JSONValue)] = []

    /// Adds the member `key: value`.
    mutating func add(key: String, value: JSONValue) {
        switch value {
        case .null:
            return
        case .object(let object):
            for member in object.members { set(urn: key, attribute: member.key, member.value) }
        default:
            guard let colon = key.lastIndex(of: ":") else { return }
            let urn = String(key[..<colon])
            let attribute = String(key[key.index(after: colon)...])
            // "urn:x" alone names no attribute; such a key is not an extension at all.
            guard urn.contains(":"), !attribute.isEmpty else { return }
            set(urn: urn, attribute: attribute, value)
        }
    }

    /// Sets `attribute` in the extension `urn` (URNs and names matched ignoring case).
    private mutating func set(urn: String, attribute: String, _ value: JSONValue) {
        if value.isNull { return }
        if let index = extensions.firstIndex(where: { $0.urn.equalsIgnoringCase(urn) }) {
            var object = extensions[index].value.objectValue ?? JSONObject()
            object[attribute: attribute] = value
            extensions[index].value = .object(object)
        } else {
            var object = JSONObject()
            object.appendUnique(key: attribute, value: value)
            extensions.append((urn, .object(object)))
        }
    }
}
