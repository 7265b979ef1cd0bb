import Coffee
import Foundation
@testable import Percolator
import Store

/// A fresh database (a temporary file, migrated) with tenants `t1` and `t2`, and the
/// persistence port over it: what the application services need, without a server.
struct ServiceFixture {
    static let t1 = Store.TenantID(rawValue: "t1")
    static let t2 = Store.TenantID(rawValue: "t2")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    let store: SQLiteStore
    let persistence: SQLitePersistence

    /// Runs `body` with a fixture whose files are removed afterwards.
    static func with<T>(_ body: (ServiceFixture) async throws -> T) async throws -> T {
        try await OutboxFixture.withDatabasePath { path in
            let store = try await SQLiteStore.open(path: path)
            try await store.database.write { db in
                try db.execute("INSERT INTO tenants VALUES ('t1', 'one', '2026-01-01T00:00:00.000Z'), ('t2', 'two', '2026-01-01T00:00:00.000Z')")
            }
            return try await body(ServiceFixture(store: store, persistence: store.persistence()))
        }
    }

    /// A member added by hand to `tenant`.
    func member(_ email: String, tenant: Store.TenantID = t1) async throws -> Member {
        try await MemberService(persistence: persistence).add(
            ManualEntry(givenName: "Ada", familyName: "Lovelace", email: email), id: MemberID(UUID().uuidString),
            sendsWelcomeEmail: false, tenant: tenant, at: Self.now)
    }

    /// A weekly draft named `name` (Mondays 09:30 Paris), with `rules`.
    static func draft(_ name: String = "Coffee", audience: Audience = .allMembers, rules: [MatchingRule] = []) -> ProgramService.DraftInput {
        { _, timeZone in
            ProgramDraft(name: name, audience: audience, rules: rules,
                         schedule: .recurring(everyWeeks: 1, weekday: 2, time: TimeOfDay(hour: 9, minute: 30),
                                              timeZoneIdentifier: timeZone, optInWindow: 0, startingFrom: now))
        }
    }
}
