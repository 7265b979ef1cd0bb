extension Schema {
    /// Percolator's User extension, `urn:ietf:params:scim:schemas:extension:percolator:2.0:User`
    /// (an extension schema in the sense of RFC 7643 §3.3).
    ///
    /// It carries what the matching of members needs and SCIM has no place for:
    /// - `city`: where the member works, used to match people who can meet in person.
    ///   Free text; the core `addresses.locality` is used when this is absent.
    /// - `seniority`: a free label with suggested values `junior`, `intermediate`,
    ///   `senior`, `executive`, for programs that match across or within levels.
    /// - `categories`: multi-valued `{key, value}` pairs an administrator defines
    ///   (e.g. `{"key": "team", "value": "Platform"}`); `key` is required and compared
    ///   ignoring case, `value` is free text.
    /// - `portalOptOut`: true when the member must not be invited to the portal or
    ///   matched, even though the IdP provisions them.
    public static let percolatorUser = Schema(
        id: SCIMSchemaURN.percolatorUser, name: "PercolatorUser", description: "Percolator member data",
        attributes: [
            .string("city", "The city where the member works, used to match people who can meet in person."),
            .string("seniority", "The member's seniority, used by programs that match across or within levels.",
                    canonicalValues: ["junior", "intermediate", "senior", "executive"]),
            AttributeDefinition(
                name: "categories", type: .complex, isMultiValued: true,
                description: "Administrator-defined categories of the member as key/value pairs, e.g., key 'team' with value 'Platform'.",
                subAttributes: [
                    AttributeDefinition(name: "key", description: "The name of the category, e.g., 'team'.", isRequired: true),
                    .string("value", "The member's value in that category, e.g., 'Platform'."),
                ]),
            AttributeDefinition(
                name: "portalOptOut", type: .boolean,
                description: "True when the member must not be invited to the Percolator portal or matched."),
        ])
}
