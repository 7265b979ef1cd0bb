/// The attributes every resource has, whatever its schema (RFC 7643 §3.1): `id`,
/// `externalId`, `meta` and, by RFC 7643 §3, `schemas`.
///
/// Schemas published at `/Schemas` do not list them, so attribute paths fall back to
/// these definitions when the core schema does not define the name itself.
public enum CommonAttributes {
    /// `id`: "A unique identifier for a SCIM resource as defined by the service
    /// provider", caseExact, readOnly, returned always (RFC 7643 §3.1).
    public static let id = AttributeDefinition(
        name: "id", isCaseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server)

    /// `externalId`: "A String that is an identifier for the resource as defined by the
    /// provisioning client", caseExact, readWrite (RFC 7643 §3.1).
    public static let externalId = AttributeDefinition(name: "externalId", isCaseExact: true)

    /// `schemas`: the schema URIs of the resource (RFC 7643 §3). URIs are compared ignoring
    /// case, as attribute names are; written only by the server.
    public static let schemas = AttributeDefinition(
        name: "schemas", type: .reference, isMultiValued: true, isRequired: true,
        mutability: .readOnly, returned: .always, referenceTypes: ["uri"])

    /// `meta`: complex, readOnly, with `resourceType`, `created`, `lastModified`,
    /// `location` and `version` (RFC 7643 §3.1).
    public static let meta = AttributeDefinition(
        name: "meta", type: .complex, mutability: .readOnly,
        subAttributes: [
            AttributeDefinition(name: "resourceType", isCaseExact: true, mutability: .readOnly),
            AttributeDefinition(name: "created", type: .dateTime, mutability: .readOnly),
            AttributeDefinition(name: "lastModified", type: .dateTime, mutability: .readOnly),
            AttributeDefinition(name: "location", type: .reference, isCaseExact: true, mutability: .readOnly,
                                referenceTypes: ["uri"]),
            AttributeDefinition(name: "version", isCaseExact: true, mutability: .readOnly),
        ])

    /// All four, in RFC order.
    public static let all: [AttributeDefinition] = [id, externalId, meta, schemas]

    /// The common attribute called `name`, matched ignoring case.
    public static func attribute(named name: String) -> AttributeDefinition? {
        all.first { $0.name.equalsIgnoringCase(name) }
    }
}
