/// The `scimType` keywords of RFC 7644 §3.12, Table 9, and those RFC 9865 §2.1 adds for
/// cursor paging.
public enum SCIMType: String, Sendable, Hashable, CaseIterable {
    /// The filter syntax was invalid, or the attribute and comparison combination is not supported (400).
    case invalidFilter
    /// The filter yields more results than the server is willing to calculate or process (400).
    case tooMany
    /// One or more of the attribute values are already in use or are reserved (409).
    case uniqueness
    /// The attempted modification is not compatible with the target attribute's mutability (400).
    case mutability
    /// The request body structure was invalid or did not conform to the request schema (400).
    case invalidSyntax
    /// The "path" attribute was invalid or malformed (400).
    case invalidPath
    /// The specified "path" did not yield an attribute or attribute value that could be operated on (400).
    case noTarget
    /// A required value was missing, or the value specified was not compatible with the operation or attribute type (400).
    case invalidValue
    /// The specified SCIM protocol version is not supported (400).
    case invalidVers
    /// The specified request cannot be completed, due to the passing of sensitive information in a request URI (403).
    case sensitive
    /// The cursor is not one this service gave this client for this query (RFC 9865 §2.1) (400).
    case invalidCursor
    /// The cursor is older than the service provider's `cursorTimeout` (RFC 9865 §2.1) (400).
    case expiredCursor
}
