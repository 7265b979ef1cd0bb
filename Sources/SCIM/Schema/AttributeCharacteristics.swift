/// An attribute's data type (RFC 7643 §2.3).
public enum AttributeType: String, Sendable, Hashable, CaseIterable {
    /// A sequence of Unicode characters (§2.3.1).
    case string
    /// `true` or `false` (§2.3.2).
    case boolean
    /// A real number with at least one digit after the decimal point (§2.3.3).
    case decimal
    /// A whole number with no fractional digits (§2.3.4).
    case integer
    /// An xsd:dateTime instant, e.g. `2008-01-23T04:56:22Z` (§2.3.5).
    case dateTime
    /// Base64-encoded bytes; never `caseExact`-insensitive, not orderable (§2.3.6).
    case binary
    /// A URI for a resource (§2.3.7).
    case reference
    /// A singular or multi-valued attribute with sub-attributes (§2.3.8).
    case complex
}

/// Whether and how an attribute may be written (RFC 7643 §7, "mutability").
public enum Mutability: String, Sendable, Hashable, CaseIterable {
    /// "The attribute SHALL NOT be modified."
    case readOnly
    /// "The attribute MAY be updated and read at any time." (the default)
    case readWrite
    /// "The attribute MAY be defined at resource creation (e.g., POST) or at record
    /// replacement via a request (e.g., a PUT). The attribute SHALL NOT be updated."
    case immutable
    /// "The attribute MAY be updated at any time. Attribute values SHALL NOT be returned."
    case writeOnly
}

/// When an attribute is returned in a response (RFC 7643 §7, "returned").
public enum Returned: String, Sendable, Hashable, CaseIterable {
    /// "The attribute is always returned, regardless of the contents of the
    /// 'attributes' parameter." (e.g. `id`)
    case always
    /// "The attribute is never returned." (e.g. `password`)
    case never
    /// "The attribute is returned by default in all SCIM operation responses where
    /// attribute values are returned." (the default)
    case `default`
    /// "The attribute is returned in response to any PUT, POST, or PATCH operations if
    /// the attribute was specified by the client (for example, the attribute was
    /// modified). The attribute is returned in a SCIM query operation only if specified
    /// in the 'attributes' parameter."
    case request
}

/// How the service provider enforces uniqueness of an attribute value (RFC 7643 §7).
public enum Uniqueness: String, Sendable, Hashable, CaseIterable {
    /// "The values are not intended to be unique in any way." (the default)
    case none
    /// "The value SHOULD be unique within the context of the current SCIM endpoint."
    case server
    /// "The value SHOULD be globally unique."
    case global
}
