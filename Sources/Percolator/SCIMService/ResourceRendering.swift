import SCIM
import Store

/// Turns a stored resource into what a client receives: `id`, `meta` with its
/// `location` and `version`, `$ref` on members and groups, nothing that is never
/// returned, and the client's `attributes` / `excludedAttributes` projection.
struct ResourceRendering {
    let context: SCIMContext
    let projection: AttributeProjection
    /// True when the projection would only drop `password`, which is never stored.
    let skipsProjection: Bool

    /// The rendering under the request's projection; `resourceType` is the tenant's
    /// (a User's with its declared extensions, whose `returned` apply).
    /// `written` names what a write specified, whose `returned: request` attributes are
    /// returned (RFC 7643 §7).
    init(context: SCIMContext, resourceType: ResourceType, written: AttributeProjection.Written = .none) {
        let request = context.request
        var projection = AttributeProjection(attributes: request.query("attributes"),
                                             excludedAttributes: request.query("excludedAttributes"),
                                             resourceType: resourceType)
        projection.written = written
        self.init(context: context, projection: projection)
    }

    init(context: SCIMContext, projection: AttributeProjection) {
        self.context = context
        self.projection = projection
        skipsProjection = projection.isIdentityExceptPassword
    }

    /// The full representation, then projected.
    func render(_ stored: StoredResource) -> JSONValue {
        var object = stored.rendered()
        if var meta = object["meta"]?.objectValue {
            meta["location"] = .string(context.location(of: stored.kind.rawValue, id: stored.id))
            object["meta"] = .object(meta)
        }
        for key in ["members", "groups"] {
            guard case .array(let references)? = object[key] else { continue }
            object[key] = .array(references.map { reference in
                guard var item = reference.objectValue, let value = item["value"]?.stringValue else { return reference }
                let type = key == "groups" ? "Group" : (item["type"]?.stringValue ?? "User")
                item["$ref"] = .string(context.location(of: type, id: value))
                return .object(item)
            })
        }
        // RFC 7643 §7: writeOnly and returned:never attributes are never sent.
        object.removeAttribute("password")
        return skipsProjection ? .object(object) : projection.apply(to: .object(object))
    }

    /// True when the projection keeps `attribute`, so the store need not load it (a
    /// group's members, a user's groups) when it is excluded.
    static func includes(_ attribute: String, attributes: String?, excludedAttributes: String?) -> Bool {
        func names(_ list: String?) -> [String] {
            (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " ").lowercased() }.filter { !$0.isEmpty }
        }
        func mentions(_ name: String) -> Bool {
            let bare = name.split(separator: ":").last.map(String.init) ?? name
            return bare == attribute.lowercased() || bare.hasPrefix(attribute.lowercased() + ".")
        }
        let requested = names(attributes)
        if !requested.isEmpty { return requested.contains(where: mentions) }
        return !names(excludedAttributes).contains { name in
            (name.split(separator: ":").last.map(String.init) ?? name) == attribute.lowercased()
        }
    }
}
