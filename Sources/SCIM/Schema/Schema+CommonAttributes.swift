extension Schema {
    /// The attributes every resource carries whatever its schema: `id`, `externalId`
    /// and `meta` (RFC 7643 §3.1). They are not part of any schema's `attributes`
    /// (the §8.7.1 representations do not list them) but are validated, projected and
    /// filtered like the others.
    public static let commonAttributes: [AttributeDefinition] = [
        AttributeDefinition(
            name: "id", description: "A unique identifier for a SCIM resource as defined by the service provider.",
            isCaseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server),
        AttributeDefinition(
            name: "externalId", description: "A String that is an identifier for the resource as defined by the provisioning client.",
            isCaseExact: true),
        AttributeDefinition(
            name: "meta", type: .complex, description: "A complex attribute containing resource metadata.",
            mutability: .readOnly,
            subAttributes: [
                AttributeDefinition(name: "resourceType", description: "The name of the resource type of the resource.",
                                    isCaseExact: true, mutability: .readOnly),
                AttributeDefinition(name: "created", type: .dateTime, description: "The DateTime that the resource was added to the service provider.",
                                    mutability: .readOnly),
                AttributeDefinition(name: "lastModified", type: .dateTime, description: "The most recent DateTime that the details of this resource were updated at the service provider.",
                                    mutability: .readOnly),
                AttributeDefinition(name: "location", type: .reference, description: "The URI of the resource being returned.",
                                    isCaseExact: true, mutability: .readOnly, referenceTypes: ["uri"]),
                AttributeDefinition(name: "version", description: "The version of the resource being returned.",
                                    isCaseExact: true, mutability: .readOnly),
            ]),
    ]

    /// The common attribute (`id`, `externalId`, `meta`) called `name`, matched ignoring case.
    public static func commonAttribute(named name: String) -> AttributeDefinition? {
        commonAttributes.first { $0.name.equalsIgnoringCase(name) }
    }
}
