import Foundation
import SCIM
@testable import Store

/// A migrated `SQLiteResourceStore` on a temporary file with two tenants, A and B.
func withResourceStore<T>(clock: TestClock = TestClock(),
                          configuration: SQLiteResourceStore.Configuration = .init(),
                          _ body: (SQLiteResourceStore, TenantID, TenantID) async throws -> T) async throws -> T {
    try await withTemporaryPath { path in
        let database = try SQLiteDatabase(path: path)
        try await database.migrate(StoreSchema.migrator)
        let tenants = SQLiteStore(database: database)
        let a = try await tenants.createTenant(name: "a").id
        let b = try await tenants.createTenant(name: "b").id
        let store = SQLiteResourceStore(database: database, configuration: configuration, now: { clock.now })
        return try await body(store, a, b)
    }
}

/// A User resource as a client sends it.
func userJSON(_ userName: String, displayName: String? = nil, externalId: String? = nil, active: Bool? = nil,
              emails: [(value: String, type: String?, primary: Bool?)] = [], title: String? = nil) -> JSONObject {
    var object = JSONObject()
    object["schemas"] = [.string(SCIMSchemaURN.user)]
    object["userName"] = .string(userName)
    if let displayName { object["displayName"] = .string(displayName) }
    if let externalId { object["externalId"] = .string(externalId) }
    if let active { object["active"] = .bool(active) }
    if let title { object["title"] = .string(title) }
    if !emails.isEmpty {
        object["emails"] = .array(emails.map { email in
            var element = JSONObject()
            element["value"] = .string(email.value)
            if let type = email.type { element["type"] = .string(type) }
            if let primary = email.primary { element["primary"] = .bool(primary) }
            return .object(element)
        })
    }
    return object
}

/// A Group resource as a client sends it.
func groupJSON(_ displayName: String, members: [String] = [], externalId: String? = nil) -> JSONObject {
    var object = JSONObject()
    object["schemas"] = [.string(SCIMSchemaURN.group)]
    object["displayName"] = .string(displayName)
    if let externalId { object["externalId"] = .string(externalId) }
    if !members.isEmpty {
        object["members"] = .array(members.map { .object(JSONObject([.init(key: "value", value: .string($0))])) })
    }
    return object
}

extension SQLiteResourceStore {
    /// The raw `scim_resources` row of `id`: version, last_modified and json, for
    /// checking what a write touched.
    func rawRow(id: String) async throws -> (version: Int64, lastModified: String, json: String)? {
        try await database.read { db in
            try db.queryOne("SELECT version, last_modified, json FROM scim_resources WHERE id = ?", id) {
                ($0.int64(0), $0.string(1), $0.string(2))
            }
        }
    }

    /// Rows in `table` (a constant) for `tenant`.
    func rowCount(_ table: String, tenant: TenantID) async throws -> Int {
        try await database.read { db in
            try db.queryOne("SELECT count(*) FROM \(table) WHERE tenant_id = ?", tenant.rawValue) { $0.int(0) } ?? 0
        }
    }
}
