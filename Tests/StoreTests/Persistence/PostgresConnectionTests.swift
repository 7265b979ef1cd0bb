import Coffee
import Foundation
import Testing
@testable import Store

/// The libpq wrapper: confinement, errors, migrations, reconnection. The server-side
/// tests skip (with a printed reason) without PERCOLATOR_TEST_POSTGRES_URL.
@Suite("PostgreSQL connection — threads, errors, migrations, reconnection")
struct PostgresConnectionTests {
    @Test("SQLSTATEs map to the SQLite codes the edge already handles", arguments: [
        ("23505", ResultCode.constraintUnique), ("23503", .constraintForeignKey), ("23514", .constraintCheck),
        ("23502", .constraintNotNull), ("23P01", .constraint), ("40001", .busy), ("40P01", .busy), ("55P03", .busy),
        ("53100", .full), ("57014", .interrupt), ("22021", .mismatch), ("08006", .ioError), ("42601", .error),
    ])
    func sqlStates(_ state: String, _ code: ResultCode) {
        #expect(PostgresSQLState.resultCode(for: state) == code)
        #expect(PostgresSQLState.isRetryable(state) == (state == "40001" || state == "40P01"))
    }

    @Test("timestamptz text reads as the instant, truncated to the millisecond", arguments: [
        ("2026-12-04 08:55:26+00", "2026-12-04T08:55:26.000Z"),
        ("2026-12-04 08:55:26.1+00", "2026-12-04T08:55:26.100Z"),
        ("2026-12-04 08:55:26.123456+00", "2026-12-04T08:55:26.123Z"),
        ("2026-12-04 08:55:26.123+01", nil), ("2026-12-04T08:55:26Z", nil), ("", nil),
    ] as [(String, String?)])
    func timestamps(_ text: String, _ expected: String?) {
        #expect(PostgresTimestamp.date(from: text).map(Timestamp.string(from:)) == expected)
    }

    @Test("bytea parameters are hex; rows read them back")
    func bytes() {
        #expect(PostgresBytes([0, 15, 16, 255]).postgresText == "\\x000f10ff")
    }

    @Test("the PostgreSQL migrations have SQLite's history: the same identifiers, in order")
    func sameHistory() {
        #expect(PostgresSchema.migrations.map(\.identifier) == StoreSchema.migrations.map(\.identifier))
    }

    @Test("libpq runs on the connections' own queues, never on the concurrency pool")
    func confinement() async throws {
        try await withBackend(.postgres) { backend in
            let persistence = try #require(backend.persistence as? PostgresPersistence)
            let asynchronous = try await persistence.read { _ in PostgresConnectionPool.currentQueueLabel }
            let blocking = try await offPool { try persistence.writeBlocking { _ in PostgresConnectionPool.currentQueueLabel } }
            #expect(asynchronous?.hasPrefix("percolator.postgres.") == true)
            #expect(blocking?.hasPrefix("percolator.postgres.") == true)
            #expect(PostgresConnectionPool.currentQueueLabel == nil)
        }
    }

    @Test("a constraint error carries its SQLSTATE and no value: a client or a log never sees the data")
    func errorsCarryNoValues() async throws {
        try await withBackend(.postgres) { backend in
            _ = try await backend.store.createTenant(name: "secret-name-42")
            do {
                _ = try await backend.store.createTenant(name: "secret-name-42")
                Issue.record("a taken name was accepted")
            } catch let error as StoreError {
                #expect(error.code == .constraintUnique && error.sqlState == "23505")
                #expect(!error.description.contains("secret-name-42"))
            }
        }
    }

    @Test("a server that cannot be reached is a .cantOpen error without the password")
    func unreachable() async throws {
        let port = 1 + Int.random(in: 1...200)  // privileged ports nothing listens on here
        do {
            _ = try await PostgresStore.open(url: "postgresql://someone:sekret-pw@127.0.0.1:\(port)/db?connect_timeout=2", poolSize: 1)
            Issue.record("connected to nothing")
        } catch let error as StoreError {
            #expect(error.code == .cantOpen)
            #expect(!error.description.contains("sekret-pw"))
        }
    }

    @Test("migrating twice, or from two stores at once, applies each migration once")
    func migrationsOnce() async throws {
        try await withPostgresSchema { url in
            async let one = PostgresStore.open(url: url, poolSize: 1)
            async let two = PostgresStore.open(url: url, poolSize: 1)
            let stores = try await [one, two]
            let again = try await PostgresStore.open(url: url, poolSize: 1)
            #expect(try await again.appliedMigrations() == StoreSchema.migrations.map(\.identifier))
            #expect(try await stores[0].appliedMigrations() == StoreSchema.migrations.map(\.identifier))
        }
    }

    @Test("connections the server dropped while idle are re-established on their next use, transparently")
    func reconnects() async throws {
        try await withBackend(.postgres) { backend in
            let tenant = try await backend.tenant()
            // Every other connection of this store's pool is terminated (its application name
            // is its test schema's).
            _ = try await backend.persistence.write { tx in
                try (tx as? PostgresTransaction)?.db.execute("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE application_name = current_setting('application_name') AND pid <> pg_backend_pid()
                    """)
            }
            for _ in 0..<12 {
                #expect(try await backend.persistence.read { tx in try tx.settings.settings(tenant: tenant) } == TenantSettings(),
                        "a dropped idle connection reconnects before its transaction begins")
            }
        }
    }
}

extension PostgresConnectionTests {
    @Test("a value with a NUL character is refused, never stored cut short at the NUL")
    func nulRefused() async throws {
        try await withBackend(.postgres) { backend in
            let tenant = try await backend.tenant()
            var member = try PersistenceContractTests.member("m1", tenant: tenant, email: "ada@example.com")
            member.givenName = "Ada\u{0}Evil"
            let stored = member
            #expect(await storeErrorCode { try await backend.persistence.write { tx in try tx.members.save(stored) } } == .mismatch)
            #expect(try await backend.persistence.read { tx in try tx.members.member(id: stored.id, tenant: tenant) } == nil)
        }
    }
}

extension PostgresConnectionTests {
    @Test("readiness: a live primary is readable and writable; a read-only session is not writable")
    func readiness() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 1)
            try await store.checkReadable()
            try await store.checkWritable()
            // Every session read-only, as on a standby; the schema is current, so it opens.
            let readOnly = try await PostgresStore.open(
                url: url.replacingOccurrences(of: "options=-c", with: "options=-cdefault_transaction_read_only%3Don%20-c"), poolSize: 1)
            try await readOnly.checkReadable()
            #expect(await storeErrorCode { try await readOnly.checkWritable() } == .readOnly)
        }
    }
}

extension PostgresConnectionTests {
    @Test("a text[] parameter reads back element for element, whatever the elements hold", arguments: [
        [], [""], ["NULL"], ["a,b", "{x}", "quote\"d", "back\\slash", "é 🙂", " spaced ", "new\nline"], Array(repeating: "same", count: 3),
    ] as [[String]])
    func textArrays(_ elements: [String]) async throws {
        try await withPostgresSchema { url in
            let read = try await offPool {
                try PostgresConnection(url: url).query("SELECT e FROM unnest($1::text[]) WITH ORDINALITY AS u(e, n) ORDER BY n",
                                                       PostgresTextArray(elements)) { $0.string(0) }
            }
            #expect(read == elements)
        }
    }
}
