import SCIM
import TestSupport

/// Reads what the admin API says about members and the outbox, for tests that act over
/// SCIM and assert on the domain.
struct AdminProbe {
    let client: SCIMTestClient

    init(_ live: LiveServer) throws {
        client = try live.client(token: live.adminToken)
    }

    /// The member as `GET /api/v1/members/{id}` shows it; fails on anything but 200.
    func member(_ id: String) async throws -> JSONValue {
        let response = try await client.get("/api/v1/members/\(id)")
        guard response.status == 200, let json = response.json else {
            throw SCIMTestFailure("GET member \(id) answered \(response.status): \(response.text)")
        }
        return json
    }

    /// Every outbox entry of the tenant, oldest first.
    func events() async throws -> [JSONValue] {
        let response = try await client.get("/api/v1/events?limit=1000")
        guard response.status == 200, let items = response.json?[attribute: "items"]?.arrayValue else {
            throw SCIMTestFailure("GET events answered \(response.status): \(response.text)")
        }
        return items
    }

    /// The kinds of the outbox entries about `subject`, oldest first.
    func eventKinds(about subject: String) async throws -> [String] {
        try await events().filter { $0[attribute: "subject"]?.stringValue == subject }
            .compactMap { $0[attribute: "kind"]?.stringValue }
    }
}
