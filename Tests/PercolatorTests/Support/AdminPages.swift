import SCIM
import TestSupport

extension SCIMTestClient {
    /// Every item of an admin API list (`{"items": […], "next": …}`), following `next`.
    func allItems(_ path: String) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var after: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            let page = try await get(path + separator + "limit=1000" + (after.map { "&after=\($0)" } ?? ""))
            guard page.status == 200 else { throw PageError(status: page.status, body: page.text) }
            items += page[attribute: "items"]?.arrayValue ?? []
            after = page[attribute: "next"]?.stringValue
        } while after != nil
        return items
    }

    /// The admin's members (`GET /api/v1/members`), every page.
    func members() async throws -> [JSONValue] { try await allItems("/api/v1/members") }

    /// The admin's outbox events (`GET /api/v1/events`), every page, of `kind` if given.
    func events(kind: String? = nil) async throws -> [JSONValue] {
        try await allItems("/api/v1/events" + (kind.map { "?kind=\($0)" } ?? ""))
    }
}

/// A list page that did not answer 200.
struct PageError: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "list answered \(status): \(body)" }
}
