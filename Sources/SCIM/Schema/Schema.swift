/// A SCIM schema: an id (URN), a name and its attributes (RFC 7643 §7).
public struct Schema: Sendable, Hashable {
    /// The schema URN, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`.
    public var id: String
    public var name: String
    public var description: String
    public var attributes: [AttributeDefinition]

    public init(id: String, name: String, description: String, attributes: [AttributeDefinition]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }

    /// The top-level attribute called `name`, matched ignoring case (RFC 7643 §2.1).
    public func attribute(named name: String) -> AttributeDefinition? {
        attributes.first { $0.name.equalsIgnoringCase(name) }
    }
}
