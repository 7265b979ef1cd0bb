import Coffee
import Foundation
import SCIM
import Store
import Testing
@testable import Percolator

@Suite("ProvisioningObserver — a User's create prepared before its transaction")
struct ProvisioningObserverTests {
    /// A User as an identity provider creates it, stored.
    static func user(at stamp: String) -> StoredResource {
        var name = JSONObject()
        name["givenName"] = .string("Ada")
        name["familyName"] = .string("Lovelace")
        var email = JSONObject()
        email["value"] = .string("ada@example.com")
        email["primary"] = .bool(true)
        var attributes = JSONObject()
        attributes["userName"] = .string("ada@example.com")
        attributes["name"] = .object(name)
        attributes["emails"] = .array([.object(email)])
        attributes["active"] = .bool(true)
        return StoredResource(id: "u1", kind: .user, version: 1, created: stamp, lastModified: stamp, attributes: attributes)
    }

    @Test("a prepared create carries its events encoded as the storage's outbox keeps them: the writer only inserts them (issue 10)")
    func preparedCreateEncodesEvents() async throws {
        let backend = SQLiteBackend(store: try await SQLiteStore.open(path: ":memory:"))
        let tenant = Store.TenantID(rawValue: "t1")
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let user = Self.user(at: "2027-01-15T08:00:00.000Z")
        var observer = ProvisioningObserver()
        observer.recentSettings.keep(TenantSettings(), for: tenant)
        let unencoded = try #require(observer.prepare(.created(user), tenant: tenant, at: date) as? PreparedProvisioning)
        #expect(unencoded.events == nil, "no encoder: the writer encodes")
        observer.encodeEvents = { events in backend.encode(events) }
        let prepared = try #require(observer.prepare(.created(user), tenant: tenant, at: date) as? PreparedProvisioning)
        let events = try #require(prepared.events)
        #expect(!prepared.result.events.isEmpty)
        #expect(events.rows == backend.encode(prepared.result.events).rows)
        #expect(events.rows.map(\.kind) == prepared.result.events.map(\.kind.rawValue))
    }
}
