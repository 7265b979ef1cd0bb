extension Schema {
    /// The core Group schema, `urn:ietf:params:scim:schemas:core:2.0:Group` (RFC 7643 §4.2).
    ///
    /// Follows §4.2 where it differs from the §8.7.1 listing: `displayName` is
    /// REQUIRED (§4.2), and `members` carries a `display` sub-attribute, which every
    /// major IdP sends (Okta, Entra). Member entries are `immutable`: a member is added
    /// or removed, never edited in place.
    public static let group = Schema(
        id: SCIMSchemaURN.group, name: "Group", description: "Group",
        attributes: [
            AttributeDefinition(name: "displayName", description: "A human-readable name for the Group. REQUIRED.", isRequired: true),
            AttributeDefinition(
                name: "members", type: .complex, isMultiValued: true, description: "A list of members of the Group.",
                subAttributes: [
                    .string("value", "Identifier of the member of this Group.", mutability: .immutable),
                    AttributeDefinition(name: "$ref", type: .reference, description: "The URI corresponding to a SCIM resource that is a member of this Group.",
                                        mutability: .immutable, referenceTypes: ["User", "Group"]),
                    .string("display", "A human-readable name for the member, primarily used for display purposes.", mutability: .immutable),
                    .string("type", "A label indicating the type of resource, e.g., 'User' or 'Group'.",
                            mutability: .immutable, canonicalValues: ["User", "Group"]),
                ]),
        ])
}
