/// The limits the SCIM service advertises in `/ServiceProviderConfig` and enforces.
public struct SCIMServiceSettings: Sendable {
    /// Most resources returned in one list page; larger `count`s are capped without
    /// error (RFC 7644 §3.4.2.4). Default 1000.
    public var maxResults = 1000
    /// Most operations in one Bulk request (RFC 7644 §3.7). Default 1000.
    public var bulkMaxOperations = 1000
    /// Largest Bulk request body in bytes (RFC 7644 §3.7); above it → 413. Default 4 MiB.
    public var bulkMaxPayloadSize = 4 * 1024 * 1024
    /// The most candidates a filter the database cannot evaluate alone may be checked
    /// against in memory; beyond it the filter is refused with `tooMany`. Default 10,000.
    public var maxFilterCandidates = 10_000
    /// A Group PATCH that asks for no `attributes` / `excludedAttributes` answers 200 with
    /// the whole group while it has at most this many members, and 204 No Content (RFC
    /// 7644 §3.5.2 allows either) beyond, so that an identity provider adding one member
    /// to a company-wide group does not receive every member back each time. Default 100.
    public var patchResponseMaxMembers = 100
    /// The public base URL of the SCIM service (`https://scim.example.com/scim/v2`), used
    /// in `meta.location` and `Location`. When `nil`, it is derived from the request's
    /// `Host` header as `http://HOST/scim/v2`.
    public var publicBaseURL: String?
    /// How long an authenticated token stays cached in memory. A revoked token may be
    /// accepted for at most this long. Default 10 s.
    public var tokenCacheTTL: Duration = .seconds(10)
    /// How long an RFC 9865 cursor stays valid after the page that carried it; advertised
    /// as `pagination.cursorTimeout`. Cursors hold no server state, so a long timeout costs
    /// nothing. Default 3600 s.
    public var cursorTimeout: Duration = .seconds(3600)
    /// The key that authenticates cursors (HMAC-SHA256). Instances behind one load
    /// balancer must share it for a walk to go on across them. When `nil`, each process
    /// draws a random one at start: cursors then end with the process and are refused
    /// (`invalidCursor`) by another instance.
    public var cursorSecret: [UInt8]?

    public init() {}
}
