import HTTP
import Store

/// What an authenticated SCIM handler knows about its request.
struct SCIMContext: Sendable {
    /// The tenant the bearer token belongs to; every read and write is scoped to it.
    var tenant: TenantID
    /// The SCIM base URL without a trailing slash, e.g. `http://127.0.0.1:8080/scim/v2`.
    var baseURL: String
    var request: HTTPRequest

    /// `meta.location` of a resource.
    func location(of resourceType: String, id: String) -> String {
        let endpoint = resourceType == "Group" ? "Groups" : "Users"
        return "\(baseURL)/\(endpoint)/\(id)"
    }
}
