/// What the SCIM service does with attributes a tenant's identity provider sends that no
/// schema declares (issue 15): Okta's custom extension
/// (`urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User`), an attribute
/// an Entra admin mapped, a vendor's top-level field.
public enum UndeclaredAttributes: String, Sendable, Equatable, CaseIterable {
    /// The default: an undeclared *extension* (a top-level member whose key is a schema
    /// URN) is kept verbatim, stored and returned; an undeclared core attribute is
    /// ignored.
    case store
    /// Both are dropped without error (RFC 7644 §3.3 "MAY ignore").
    case ignore
    /// Both are refused with `400 invalidSyntax` naming them.
    case reject
}
