/// A resource type: its endpoint, its core schema and the extensions it accepts
/// (RFC 7643 §6).
public struct ResourceType: Sendable, Hashable {
    /// One schema extension of a resource type.
    public struct Extension: Sendable, Hashable {
        public var schema: Schema
        public var isRequired: Bool

        public init(schema: Schema, isRequired: Bool) {
            self.schema = schema
            self.isRequired = isRequired
        }
    }

    /// The resource type's name and id, e.g. `User`.
    public var name: String
    /// The endpoint relative to the base URL, e.g. `/Users`.
    public var endpoint: String
    public var description: String
    public var schema: Schema
    public var extensions: [Extension]

    public init(name: String, endpoint: String, description: String, schema: Schema, extensions: [Extension]) {
        self.name = name
        self.endpoint = endpoint
        self.description = description
        self.schema = schema
        self.extensions = extensions
    }

    /// The core schema followed by every extension schema.
    public var allSchemas: [Schema] { [schema] + extensions.map(\.schema) }

    /// The schema (core or extension) with this URN, matched ignoring case.
    public func schema(withID urn: String) -> Schema? {
        // The order of allSchemas, without building it: every PATCH path asks.
        if schema.id.equalsIgnoringCase(urn) { return schema }
        return extensions.first { $0.schema.id.equalsIgnoringCase(urn) }?.schema
    }
}
