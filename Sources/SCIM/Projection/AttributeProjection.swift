/// The `attributes` / `excludedAttributes` parameters applied to resources
/// (RFC 7644 §3.4.2.5, §3.9), under each attribute's `returned` characteristic
/// (RFC 7643 §7):
///
/// | returned  | no parameter | `attributes` lists it | `attributes` omits it | `excludedAttributes` lists it |
/// |-----------|--------------|-----------------------|-----------------------|-------------------------------|
/// | `always`  | kept         | kept                  | kept                  | kept                          |
/// | `default` | kept         | kept                  | removed               | removed                       |
/// | `request` | removed      | kept                  | removed               | removed                       |
/// | `never`   | removed      | removed               | removed               | removed                       |
///
/// `schemas` and `id` are always returned. Asking for a sub-attribute
/// (`name.givenName`) returns its parent holding only that sub-attribute, in every
/// value of a multi-valued attribute. Naming an extension URN selects or removes the
/// whole extension. When both parameters are given, `attributes` selects and
/// `excludedAttributes` then removes. Names no schema defines are matched by name, so
/// unknown-but-stored attributes can still be asked for.
public struct AttributeProjection: Sendable {
    let resourceType: ResourceType
    let included: [ProjectionPath]?
    let excluded: [ProjectionPath]
    /// On the response to a write: the attributes the client specified, which a
    /// `returned: request` attribute is returned for (RFC 7643 §7) when `attributes` does
    /// not select otherwise. ``Written/none`` elsewhere.
    public var written: Written = .none

    /// Which attributes a write specified (RFC 7643 §7 `returned: request`).
    public enum Written: Sendable, Hashable {
        /// Not a write's response (or the write specified nothing).
        case none
        /// Every attribute the resource holds (POST and PUT send the whole resource).
        case all
        /// The attributes a PATCH named: `schema-urn:attribute` or a whole extension's URN,
        /// lower-cased (see ``written(by:resourceType:)``).
        case named(Set<String>)
    }

    /// The attributes the operations of `request` name: their paths, or the keys of a
    /// path-less value; an extension URN stands for all its attributes.
    public static func written(by request: PatchRequest, resourceType: ResourceType) -> Written {
        var names: Set<String> = []
        func add(_ path: AttributePath) {
            let schema = resourceType.resolve(path)?.schema.id ?? path.schemaURN ?? resourceType.schema.id
            names.insert((schema + ":" + path.name).lowercased())
        }
        for operation in request.operations {
            if let path = operation.path {
                if path.attribute.schemaURN == nil, let schema = resourceType.extensionSchema(withID: path.attribute.name) {
                    names.insert(schema.id.lowercased())
                } else {
                    add(path.attribute)
                }
                continue
            }
            for member in operation.value?.objectValue?.members ?? [] {
                if let schema = resourceType.extensionSchema(withID: member.key) {
                    names.insert(schema.id.lowercased())
                } else if let path = try? AttributePath.parse(member.key) {
                    add(path)
                }
            }
        }
        return .named(names)
    }

    private func wasWritten(_ name: String, schema: String) -> Bool {
        switch written {
        case .none: false
        case .all: true
        case .named(let names): names.contains(schema.lowercased()) || names.contains((schema + ":" + name).lowercased())
        }
    }

    /// A projection from the query parameters' comma-separated values
    /// (`?attributes=userName,name.givenName`); `nil` or empty means not given.
    public init(attributes: String?, excludedAttributes: String?, resourceType: ResourceType) {
        self.init(attributes: attributes.map(ProjectionPath.split) ?? [],
                  excludedAttributes: excludedAttributes.map(ProjectionPath.split) ?? [],
                  resourceType: resourceType)
    }

    /// A projection from lists of attribute paths, as in a POST `/.search` body
    /// (RFC 7644 §3.4.3). Empty lists mean not given; malformed entries are ignored.
    public init(attributes: [String], excludedAttributes: [String], resourceType: ResourceType) {
        self.resourceType = resourceType
        let included = attributes.compactMap { ProjectionPath($0, in: resourceType) }
        self.included = included.isEmpty ? nil : included
        self.excluded = excludedAttributes.compactMap { ProjectionPath($0, in: resourceType) }
    }

    /// True when no `attributes` or `excludedAttributes` were given and no attribute of
    /// the resource type is returned `never` or on `request` only, or `writeOnly`, apart
    /// from `password`: then ``apply(to:)`` returns its input without `password`.
    public var isIdentityExceptPassword: Bool {
        guard included == nil, excluded.isEmpty else { return false }
        // A tenant's User type with declared extensions has more extensions than the standard one.
        if let known = Self.plainStandardTypes[resourceType.name],
           ResourceType.all.contains(where: { $0.name == resourceType.name && $0.extensions.count == resourceType.extensions.count }) {
            return known
        }
        return Self.isPlain(resourceType)
    }

    /// ``isPlain(_:)`` of the standard resource types, computed once (it walks every
    /// attribute definition).
    private static let plainStandardTypes: [String: Bool] =
        Dictionary(uniqueKeysWithValues: ResourceType.all.map { ($0.name, isPlain($0)) })

    private static func isPlain(_ resourceType: ResourceType) -> Bool {
        func plain(_ attributes: [AttributeDefinition]) -> Bool {
            attributes.allSatisfy { attribute in
                (attribute.name == "password" && attribute.returned == .never)
                    || (attribute.returned != .never && attribute.returned != .request && attribute.mutability != .writeOnly
                        && plain(attribute.subAttributes))
            }
        }
        return resourceType.allSchemas.allSatisfy { plain($0.attributes) }
    }

    /// The projection that applies only the `returned` rules (no parameters given).
    public static func returnedByDefault(for resourceType: ResourceType) -> AttributeProjection {
        AttributeProjection(attributes: [], excludedAttributes: [], resourceType: resourceType)
    }

    /// The resource with only the attributes to return.
    public func apply(to resource: JSONValue) -> JSONValue {
        guard case .object(let object) = resource else { return resource }
        var output = JSONObject()
        let core = resourceType.schema
        for member in object.members {
            if member.key.equalsIgnoringCase("schemas") {
                output.appendUnique(key: member.key, value: member.value)
            } else if let schemaExtension = resourceType.extensions.first(where: { $0.schema.id.equalsIgnoringCase(member.key) }) {
                guard case .object(let extensionObject) = member.value else { continue }
                let projected = project(extensionObject, schemaID: schemaExtension.schema.id, schema: schemaExtension.schema)
                if !projected.isEmpty { output.appendUnique(key: member.key, value: .object(projected)) }
            } else if member.key.lowercased().hasPrefix("urn:"), case .object(let extensionObject) = member.value {
                // An undeclared extension kept as sent: selected by its URN, its
                // attributes returned by default.
                let projected = project(extensionObject, schemaID: member.key, schema: nil)
                if !projected.isEmpty { output.appendUnique(key: member.key, value: .object(projected)) }
            } else {
                let definition = core.attribute(named: member.key) ?? Schema.commonAttribute(named: member.key)
                if let value = project(member.value, named: member.key, definition: definition, schema: core.id) {
                    output.appendUnique(key: member.key, value: value)
                }
            }
        }
        return .object(output)
    }

    /// Each resource of a list response projected with ``apply(to:)``.
    public func apply(toEach resources: [JSONValue]) -> [JSONValue] {
        resources.map(apply(to:))
    }

    private func project(_ object: JSONObject, schemaID: String, schema: Schema?) -> JSONObject {
        var output = JSONObject()
        for member in object.members {
            let definition = schema?.attribute(named: member.key)
            if let value = project(member.value, named: member.key, definition: definition, schema: schemaID) {
                output.appendUnique(key: member.key, value: value)
            }
        }
        return output
    }

    /// The value of a top-level attribute to return, or `nil` to leave it out.
    private func project(_ value: JSONValue, named name: String, definition: AttributeDefinition?, schema: String) -> JSONValue? {
        let returned = definition?.returned ?? .default
        switch returned {
        case .never: return nil
        case .always: return value
        case .default, .request: break
        }
        if definition?.mutability == .writeOnly { return nil }
        var subSelection: [String]?  // nil: the whole attribute
        if let included {
            let matches = included.filter { $0.schema.equalsIgnoringCase(schema) && ($0.attribute.map { $0.equalsIgnoringCase(name) } ?? true) }
            guard !matches.isEmpty else { return nil }
            if !matches.contains(where: { $0.attribute == nil || $0.subAttribute == nil }) {
                subSelection = matches.compactMap(\.subAttribute)
            }
        } else if returned == .request, !wasWritten(name, schema: schema) {
            return nil
        }
        let exclusions = excluded.filter { $0.schema.equalsIgnoringCase(schema) && ($0.attribute.map { $0.equalsIgnoringCase(name) } ?? true) }
        if exclusions.contains(where: { $0.attribute == nil || $0.subAttribute == nil }) { return nil }
        let excludedSubs = exclusions.compactMap(\.subAttribute)
        let subDefinitions = definition?.subAttributes ?? []
        guard subSelection != nil || !excludedSubs.isEmpty || subDefinitions.contains(where: { $0.returned == .never || $0.returned == .request }) else {
            return value
        }
        let projectComplex = { (object: JSONObject) -> JSONObject in
            var output = JSONObject()
            for member in object.members {
                let sub = subDefinitions.first { $0.name.equalsIgnoringCase(member.key) }
                let subReturned = sub?.returned ?? .default
                let keep: Bool
                switch subReturned {
                case .always: keep = true
                case .never: keep = false
                case .default, .request:
                    let selected = subSelection.map { $0.contains { $0.equalsIgnoringCase(member.key) } } ?? (subReturned == .default)
                    keep = selected && !excludedSubs.contains { $0.equalsIgnoringCase(member.key) }
                }
                if keep { output.appendUnique(key: member.key, value: member.value) }
            }
            return output
        }
        switch value {
        case .object(let object):
            let projected = projectComplex(object)
            return projected.isEmpty ? nil : .object(projected)
        case .array(let elements):
            let projected = elements.compactMap { element -> JSONValue? in
                guard case .object(let object) = element else { return subSelection == nil ? element : nil }
                let result = projectComplex(object)
                return result.isEmpty ? nil : .object(result)
            }
            return projected.isEmpty ? nil : .array(projected)
        default:
            return subSelection == nil ? value : nil
        }
    }
}
