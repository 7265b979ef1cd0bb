/// The schema and message URNs Percolator speaks (RFC 7643 §3, §8.7; RFC 7644 §3).
public enum SCIMSchemaURN {
    /// Core User (RFC 7643 §4.1).
    public static let user = "urn:ietf:params:scim:schemas:core:2.0:User"
    /// Core Group (RFC 7643 §4.2).
    public static let group = "urn:ietf:params:scim:schemas:core:2.0:Group"
    /// Enterprise User extension (RFC 7643 §4.3).
    public static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    /// Percolator's own User extension: member data SCIM has no place for.
    public static let percolatorUser = "urn:ietf:params:scim:schemas:extension:percolator:2.0:User"
    /// Service provider configuration (RFC 7643 §5).
    public static let serviceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    /// Resource type (RFC 7643 §6).
    public static let resourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    /// Schema (RFC 7643 §7).
    public static let schema = "urn:ietf:params:scim:schemas:core:2.0:Schema"
    /// List response (RFC 7644 §3.4.2).
    public static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    /// Search request (RFC 7644 §3.4.3).
    public static let searchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    /// PATCH request (RFC 7644 §3.5.2).
    public static let patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    /// Bulk request (RFC 7644 §3.7).
    public static let bulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    /// Bulk response (RFC 7644 §3.7).
    public static let bulkResponse = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    /// Error message (RFC 7644 §3.12).
    public static let error = "urn:ietf:params:scim:api:messages:2.0:Error"
}
