extension AttributeDefinition {
    /// `schemas`: the schema URIs a resource uses (RFC 7643 §3). Every resource has it,
    /// no schema lists it, and only the server writes it; filters may still test it
    /// (`schemas eq "urn:…:enterprise:2.0:User"`). URIs compare ignoring case, as
    /// attribute names do.
    public static let schemasAttribute = AttributeDefinition(
        name: "schemas", type: .reference, isMultiValued: true,
        description: "The schema URIs used to define the attributes present in the resource.",
        isRequired: true, mutability: .readOnly, returned: .always, referenceTypes: ["uri"])
}
