import FoundationEssentials
import HTTP
import SCIM
import Store

/// One authenticated admin request: its tenant, the request, and the time it is
/// handled at (one clock reading per request).
struct AdminContext: Sendable {
    /// The admin token's tenant.
    var tenant: Store.TenantID
    /// The request.
    var request: HTTPRequest
    /// When the request is handled.
    var now: Date

    /// The path parameter `name` (the router guarantees it is present).
    func parameter(_ name: String) -> String { request.pathParameters[name] ?? "" }

    /// The JSON object body; a missing or non-object body is `invalidSyntax`.
    func jsonObject() throws(SCIMError) -> JSONObject {
        try RequestBody.jsonObject(of: request)
    }

    /// The query parameter `name`, if given.
    func query(_ name: String) -> String? {
        request.queryItems.first { $0.name == name }?.value
    }

    /// The page size asked for in `limit`: 1…`maximum`, default `preferred`.
    func limit(preferred: Int = 100, maximum: Int = 1_000) throws(SCIMError) -> Int {
        guard let text = query("limit") else { return preferred }
        guard let value = Int(text), value >= 1 else {
            throw .invalidValue("'limit' must be a whole number of at least 1; it was '\(text)'.")
        }
        return min(value, maximum)
    }

    /// The cursor given in `after` (an opaque position returned as `next` by the page
    /// before), or 0 for the first page.
    func cursor() throws(SCIMError) -> Int64 {
        guard let text = query("after") else { return 0 }
        guard let value = Int64(text), value >= 0 else {
            throw .invalidValue("'after' must be the 'next' value of a previous page; '\(text)' is not one.")
        }
        return value
    }
}
