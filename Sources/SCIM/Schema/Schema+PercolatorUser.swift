extension Schema {
    /// Percolator's User extension, `urn:ietf:params:scim:schemas:extension:percolator:2.0:User`
    /// (an extension schema in the sense of RFC 7643 §3.3).
    ///
    /// It carries what the matching of members needs and SCIM has no place for:
    /// - `city`: where the member works, used to match people who can meet in person.
    ///   Free text; the core `addresses.locality` is used when this is absent.
    /// - `seniority`: a free label with suggested values `junior`, `intermediate`,
    ///   `senior`, `executive`, for programs that match across or within levels.
    /// - `categories`: the member's category values as `{key, value}` pairs
    ///   (e.g. `{"key": "team", "value": "Platform"}`), **read-only**: the service
    ///   computes them from the tenant's attribute mapping (enterprise `department`,
    ///   core `title`, `city`…). IdPs map their data to flat attributes (Entra and Okta
    ///   cannot target a filtered path such as `categories[key eq "team"].value`), so
    ///   a writable list would be a trap; a client that sends it is ignored (RFC 7643 §7).
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
                description: "The member's category values as key/value pairs, computed by the service from the organisation's attribute mapping, e.g., key 'department' with value 'Sales'.",
                mutability: .readOnly,
                subAttributes: [
                    AttributeDefinition(name: "key", description: "The category, e.g., 'department'.", mutability: .readOnly),
                    AttributeDefinition(name: "value", description: "The member's value in that category, e.g., 'Sales'.", mutability: .readOnly),
                ]),
            AttributeDefinition(
                name: "portalOptOut", type: .boolean,
                description: "True when the member must not be invited to the Percolator portal or matched."),
        ])
}
