import Coffee
import Foundation
import Store
import Synchronization
@testable import Percolator

/// A migrated database file with tenant `t1`, for tests that drive ``OutboxDeliverer``
/// without a server; and the settings of a deliverer sending to a local SMTP sink.
enum OutboxFixture {
    /// A fresh database file path, removed with its `-wal` and `-shm` files after `body`.
    static func withDatabasePath<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-outbox-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        return try await body(path)
    }

    /// Opens (and migrates) the database at `path`, with tenant `t1`: one database
    /// stack, as one server process has.
    static func open(_ path: String) async throws -> SQLitePersistence {
        let store = try await SQLiteStore.open(path: path)
        try await store.database.write { try $0.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now') ON CONFLICT DO NOTHING") }
        return store.persistence()
    }

    /// Settings of a deliverer sending to 127.0.0.1:`port`.
    static func settings(port: Int) -> OutboxSettings {
        var settings = OutboxSettings()
        settings.smtpHost = "127.0.0.1"
        settings.smtpPort = port
        settings.smtpSender = "coffee@percolator.test"
        settings.pollInterval = .milliseconds(20)
        return settings
    }

    /// A deliverer of `database` sending through the real SMTP client, on `clock` when given.
    static func deliverer(_ database: SQLitePersistence, settings: OutboxSettings, clock: TestDateClock? = nil) -> OutboxDeliverer {
        let client = SMTPClient(relay: settings.relay!)
        let send: OutboxDeliverer.Send = { message throws(SMTPError) in try client.send(message) }
        guard let clock else { return OutboxDeliverer(persistence: database, settings: settings, send: send) }
        return OutboxDeliverer(persistence: database, settings: settings, send: send, now: { clock.now })
    }

    /// The welcome email event of member `m<index>` at `user<index>@example.com`.
    static func welcome(_ index: Int, at date: Date = Date()) throws -> DomainEvent {
        .welcomeEmailRequested(WelcomeEmailRequested(
            header: EventHeader(tenantID: DomainTenantID("t1"), subject: "m\(index)", sequence: 1, occurredAt: date),
            email: try EmailAddress("user\(index)@example.com"), givenName: "User \(index)", locale: nil))
    }

    /// Every outbox entry of tenant `t1`, in order.
    static func entries(_ database: SQLitePersistence) async throws -> [OutboxEntry] {
        try await database.read { db in try db.outbox.page(tenant: Store.TenantID(rawValue: "t1"), after: 0, limit: 1_000) }
    }
}

/// A settable clock for a deliverer.
final class TestDateClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
