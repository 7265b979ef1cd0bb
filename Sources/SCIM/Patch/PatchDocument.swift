/// The resource being patched: a working copy and the operations that change it
/// (RFC 7644 §3.5.2). ``PatchApplier`` drives it; nothing outside sees a half-applied
/// copy.
struct PatchDocument {
    var resource: JSONObject
    let resourceType: ResourceType
    /// Whether paths into extensions the resource type does not declare are applied
    /// (``undeclaredTarget(_:)``) rather than refused as `invalidPath`.
    let keepsUndeclaredExtensions: Bool

    init(resource: JSONObject, resourceType: ResourceType, keepsUndeclaredExtensions: Bool = false) {
        self.resource = resource
        self.resourceType = resourceType
        self.keepsUndeclaredExtensions = keepsUndeclaredExtensions
    }

    /// Applies one operation (RFC 7644 §3.5.2.1–3).
    mutating func apply(_ operation: PatchOperation) throws(SCIMError) {
        guard let path = operation.path else {
            // Path-less add/replace: the value is an object of attributes (RFC 7644
            // §3.5.2.1, §3.5.2.3); PatchOperation.parse has checked it is an object.
            guard let object = operation.value?.objectValue else {
                throw .noTarget("A \(operation.op.rawValue) without a path needs an object value (RFC 7644 §3.5.2).")
            }
            try applyPathless(operation.op, object, extension: nil)
            return
        }
        if let undeclared = undeclaredTarget(path.attribute.description) {
            guard path.filter == nil, path.filteredSubAttribute == nil else {
                throw .invalidPath("'\(path.description.prefix(200))' filters values of an undeclared extension; value filters need a declared schema (RFC 7644 §3.5.2).")
            }
            try applyUndeclared(operation.op, urn: undeclared.urn, attribute: undeclared.attribute,
                                value: operation.value, text: path.description)
            return
        }
        // A path naming a whole extension: "urn:…:enterprise:2.0:User" (RFC 7644 §3.5.2).
        if path.filter == nil, path.filteredSubAttribute == nil,
           let schema = resourceType.extensionSchema(withID: path.attribute.description) {
            try applyToExtension(operation, schema)
            return
        }
        let target = try PatchTarget(path, resourceType: resourceType)
        guard !target.isReadOnly else {
            throw .mutability("'\(target.text)' is read-only and cannot be modified (RFC 7643 §7, RFC 7644 §3.5.2).")
        }
        switch operation.op {
        case .add, .replace:
            try write(operation.op, target, operation.value ?? .null)
        case .remove:
            try remove(target, value: operation.value)
        }
    }

    /// Path-less `add`/`replace`: each key is an attribute path, possibly dotted
    /// (`name.givenName`) or URN-qualified, or an extension URN whose value holds that
    /// extension's attributes (fixtures/entra/patch-replace-no-path-dotted-keys.json,
    /// fixtures/entra/patch-replace-no-path-urn-keys.json).
    mutating func applyPathless(_ op: PatchOperation.Op, _ object: JSONObject, extension schema: Schema?) throws(SCIMError) {
        for member in object.members {
            if schema == nil, let ext = resourceType.extensionSchema(withID: member.key) {
                guard let inner = member.value.objectValue else {
                    throw .invalidValue("The value of '\(ext.id)' must be an object of its attributes (RFC 7643 §3.3).")
                }
                try applyPathless(op, inner, extension: ext)
                continue
            }
            if schema == nil, let undeclared = undeclaredTarget(member.key) {
                try applyUndeclared(op, urn: undeclared.urn, attribute: undeclared.attribute,
                                    value: member.value, text: member.key)
                continue
            }
            // A client that serialises the extension as a resource puts its own
            // `schemas` inside the extension object (python-scim's scim2-models does,
            // and so scim2-tester); it carries nothing to store.
            if schema != nil, member.key.equalsIgnoringCase("schemas") { continue }
            guard var path = AttributePath(parsing: member.key) else {
                throw .invalidPath("'\(member.key.prefix(200))' is not an attribute path (RFC 7644 §3.5.2).")
            }
            if let schema {
                guard path.schemaURN == nil else {
                    throw .invalidPath("'\(member.key.prefix(200))' cannot be qualified inside '\(schema.id)'.")
                }
                path.schemaURN = schema.id
            }
            let target = try PatchTarget(PatchPath(attribute: path), resourceType: resourceType)
            if target.isReadOnly {
                // Okta sends the group's own id inside a path-less replace
                // (fixtures/okta/patch-replace-group-with-id.json): ignore a read-only
                // attribute whose value is the current one; refuse any other value.
                if let current = read(target.resolved), target.sub == nil, current == member.value { continue }
                throw .mutability("'\(member.key.prefix(200))' is read-only and cannot be modified (RFC 7643 §7).")
            }
            try write(op, target, member.value)
        }
    }

    /// add/replace/remove on a whole extension object (RFC 7643 §3.3).
    private mutating func applyToExtension(_ operation: PatchOperation, _ schema: Schema) throws(SCIMError) {
        switch operation.op {
        case .add, .replace:
            guard let object = operation.value?.objectValue else {
                throw .invalidValue("The value for '\(schema.id)' must be an object of its attributes (RFC 7643 §3.3).")
            }
            try applyPathless(operation.op, object, extension: schema)
        case .remove:
            if let required = schema.attributes.first(where: { $0.isRequired }),
               resource[attribute: schema.id]?[attribute: required.name] != nil {
                throw .mutability("'\(schema.id):\(required.name)' is required and cannot be removed (RFC 7644 §3.5.2).")
            }
            resource.removeAttribute(schema.id)
            updateSchemas(schema.id, present: false)
        }
    }

    // MARK: - Storage

    /// The current value of the top-level attribute `resolved`.
    func read(_ resolved: ResolvedAttribute) -> JSONValue? {
        guard let value = resolved.container(in: resource)?[attribute: resolved.definition.name], !value.isNull else {
            return nil
        }
        return value
    }

    /// Sets (or, with `nil`, removes) the top-level attribute `resolved`, creating or
    /// dropping its extension object and keeping `schemas` in step (RFC 7643 §3).
    mutating func store(_ resolved: ResolvedAttribute, _ value: JSONValue?) {
        let name = resolved.definition.name
        guard resolved.isExtension else {
            if let value { resource[attribute: name] = value } else { resource.removeAttribute(name) }
            return
        }
        let urn = resolved.schema.id
        var object = resource[attribute: urn]?.objectValue ?? JSONObject()
        if let value { object[attribute: name] = value } else { object.removeAttribute(name) }
        if object.isEmpty {
            resource.removeAttribute(urn)
            updateSchemas(urn, present: false)
        } else {
            resource[attribute: urn] = .object(object)
            updateSchemas(urn, present: true)
        }
    }

    /// Adds or removes `urn` in an existing `schemas` array.
    mutating func updateSchemas(_ urn: String, present: Bool) {
        guard var schemas = resource[attribute: "schemas"]?.arrayValue else { return }
        let index = schemas.firstIndex { $0.stringValue?.equalsIgnoringCase(urn) == true }
        switch (present, index) {
        case (true, nil): schemas.append(.string(urn))
        case (false, let index?): schemas.remove(at: index)
        default: return
        }
        resource[attribute: "schemas"] = .array(schemas)
    }

    /// Refuses to change an immutable attribute that already has a value (RFC 7643 §7:
    /// "SHALL NOT be updated"; RFC 7644 §3.5.2: "a client MAY 'add' a value to an
    /// 'immutable' attribute if the attribute had no previous value").
    func checkImmutable(_ attribute: AttributeDefinition, current: JSONValue?, new: JSONValue?) throws(SCIMError) {
        guard attribute.mutability == .immutable, let current, !current.isNull, current != new else { return }
        throw .mutability("'\(attribute.name)' is immutable and already has a value (RFC 7643 §7).")
    }

    /// Refuses to unassign a required attribute (RFC 7644 §3.5.2; see ``PatchApplier``).
    func checkRemovable(_ attribute: AttributeDefinition, path: String) throws(SCIMError) {
        guard attribute.isRequired else { return }
        throw .mutability("'\(path)' is required and cannot be removed (RFC 7643 §2.2, RFC 7644 §3.5.2).")
    }
}
