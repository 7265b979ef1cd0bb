import Coffee
import Dispatch
import Foundation
import Testing
@testable import Store

/// The backends the persistence port's repository tests run on: the SAME test body
/// against SQLite and PostgreSQL (`@Test(arguments: StorageBackend.allCases)`).
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The server PostgreSQL tests use (scripts/test.sh starts one through
    /// scripts/postgres.sh and sets it); `nil` when unset.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["PERCOLATOR_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }
}

/// One backend under test: its tenant and token store, its persistence port, and its
/// SCIM resource store.
struct BackendUnderTest: Sendable {
    let store: any TenantStore & TokenStore
    let persistence: any Persistence
    let resources: any ResourceStore
    /// Another resource store on the same database, whose writes call `observer`.
    let observed: @Sendable (_ observer: any ResourceWriteObserver) -> any ResourceStore

    /// A new tenant named `name`.
    func tenant(_ name: String = "one") async throws -> TenantID {
        try await store.createTenant(name: name).id
    }
}

/// Runs `body` on a fresh, migrated database of `backend`: a temporary SQLite file, or a
/// schema of its own on the PostgreSQL test server (dropped afterwards). Without a
/// PostgreSQL server, the PostgreSQL run prints why it is skipped and returns.
func withBackend(_ backend: StorageBackend, clock: TestClock = TestClock(),
                 _ body: (BackendUnderTest) async throws -> Void) async throws {
    switch backend {
    case .sqlite:
        try await withTemporaryStore(clock: clock) { store in
            try await body(BackendUnderTest(store: store, persistence: store.persistence(),
                                            resources: SQLiteResourceStore(database: store.database, now: { clock.now }),
                                            observed: { SQLiteResourceStore(database: store.database, observer: $0, now: { clock.now }) }))
        }
    case .postgres:
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 4, now: { clock.now })
            try await body(BackendUnderTest(store: store, persistence: store.persistence,
                                            resources: PostgresResourceStore(store: store, now: { clock.now }),
                                            observed: { PostgresResourceStore(store: store, observer: $0, now: { clock.now }) }))
        }
    }
}

/// Runs `body` with the URL of a fresh, empty schema of its own on the PostgreSQL test
/// server (dropped afterwards); prints why and returns when there is no server. At most
/// ``PostgresSchemaSlots/shared``'s count of bodies run at once: Swift Testing starts every
/// test together, and fifty stores with their pools and writers went past the server's
/// `max_connections` (a CI run failed on "too many clients already").
func withPostgresSchema(_ body: (String) async throws -> Void) async throws {
    guard let url = StorageBackend.postgresURL else {
        print("skipping the PostgreSQL run: PERCOLATOR_TEST_POSTGRES_URL is unset (scripts/test.sh sets it)")
        return
    }
    await PostgresSchemaSlots.shared.acquire()
    do {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await offPool { try PostgresConnection(url: url).run("CREATE SCHEMA \(schema)") }
        do {
            try await body(scopedURL(url, schema: schema))
        } catch {
            try? await offPool { try PostgresConnection(url: url).run("DROP SCHEMA \(schema) CASCADE") }
            throw error
        }
        try await offPool { try PostgresConnection(url: url).run("DROP SCHEMA \(schema) CASCADE") }
    } catch {
        await PostgresSchemaSlots.shared.release()
        throw error
    }
    await PostgresSchemaSlots.shared.release()
}

/// `url` with `schema` as every connection's search path, and as its `application_name`
/// (so a test can find its own connections in `pg_stat_activity`).
func scopedURL(_ url: String, schema: String) -> String {
    url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)&application_name=\(schema)"
}

/// `body` on a Dispatch thread (libpq blocks), never on the concurrency pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// The code of the ``StoreError`` `body` throws, or `nil` when it throws none (or another error).
func storeErrorCode(_ body: () async throws -> Void) async -> ResultCode? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error.code
    } catch {
        return nil
    }
}
