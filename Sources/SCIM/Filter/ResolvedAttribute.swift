/// An ``AttributePath`` resolved against a ``ResourceType``: which schema defines the
/// attribute, its definition and, for `name.familyName`, the sub-attribute's definition
/// (RFC 7644 §3.10, RFC 7643 §2.1).
public struct ResolvedAttribute: Sendable, Hashable {
    /// The schema that defines the attribute (the core schema for common attributes).
    public var schema: Schema
    /// True when `schema` is one of the resource type's extensions, whose attributes
    /// live inside an object keyed by the extension URN (RFC 7643 §3.3).
    public var isExtension: Bool
    /// The top-level attribute.
    public var definition: AttributeDefinition
    /// The sub-attribute, when the path names one.
    public var subDefinition: AttributeDefinition?

    /// The definition of the values the path reaches: the sub-attribute when there is
    /// one, else the attribute.
    public var leaf: AttributeDefinition { subDefinition ?? definition }

    /// The object that holds the attribute in `resource`: the resource itself for core
    /// and common attributes, the extension object for extension attributes.
    public func container(in resource: JSONObject) -> JSONObject? {
        isExtension ? resource[attribute: schema.id]?.objectValue : resource
    }
}

extension ResourceType {
    /// Resolves `path` against this resource type, ignoring case (RFC 7643 §2.1), or
    /// returns `nil` when no schema defines it.
    ///
    /// A URN-qualified path is looked up in that schema only (RFC 7644 §3.10). An
    /// unqualified name is looked up in the core schema, then among the common
    /// attributes (RFC 7643 §3.1), then, leniently, in the extensions in order: RFC 7644
    /// §3.10 asks clients to qualify extension attributes, but a name that only one
    /// extension defines cannot be ambiguous.
    public func resolve(_ path: AttributePath) -> ResolvedAttribute? {
        guard let (schema, isExtension, definition) = resolveTopLevel(path) else { return nil }
        guard let sub = path.subAttribute else {
            return ResolvedAttribute(schema: schema, isExtension: isExtension, definition: definition)
        }
        guard definition.type == .complex, let subDefinition = definition.subAttribute(named: sub) else { return nil }
        return ResolvedAttribute(schema: schema, isExtension: isExtension, definition: definition,
                                 subDefinition: subDefinition)
    }

    /// The extension schema whose id equals `text` ignoring case, e.g. a PATCH path or a
    /// no-path value key that names a whole extension (RFC 7644 §3.5.2).
    public func extensionSchema(withID text: String) -> Schema? {
        extensions.first { $0.schema.id.equalsIgnoringCase(text) }?.schema
    }

    /// `id`, `externalId`, `meta` (RFC 7643 §3.1) and `schemas` (RFC 7643 §3).
    private func commonAttribute(named name: String) -> AttributeDefinition? {
        Schema.commonAttribute(named: name)
            ?? (name.equalsIgnoringCase("schemas") ? AttributeDefinition.schemasAttribute : nil)
    }

    private func resolveTopLevel(_ path: AttributePath) -> (Schema, Bool, AttributeDefinition)? {
        if let urn = path.schemaURN {
            if schema.id.equalsIgnoringCase(urn) {
                if let definition = schema.attribute(named: path.name) ?? commonAttribute(named: path.name) {
                    return (schema, false, definition)
                }
                return nil
            }
            guard let ext = extensionSchema(withID: urn), let definition = ext.attribute(named: path.name) else {
                return nil
            }
            return (ext, true, definition)
        }
        if let definition = schema.attribute(named: path.name) ?? commonAttribute(named: path.name) {
            return (schema, false, definition)
        }
        for ext in extensions {
            if let definition = ext.schema.attribute(named: path.name) { return (ext.schema, true, definition) }
        }
        return nil
    }
}
