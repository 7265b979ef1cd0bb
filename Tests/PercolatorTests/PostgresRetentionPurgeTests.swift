import Coffee
import Foundation
@testable import Percolator
@testable import Store
import Testing

/// The retention purge of two instances on one PostgreSQL database (issue 11: "the
/// retention purge runs once"): each instance runs its own pass on its own pool, at the same
/// time, and each due member is purged by exactly one of them, with one `MemberPurged`.
/// Runs when PERCOLATOR_TEST_POSTGRES_URL names a server (scripts/test.sh starts one).
@Suite("PostgreSQL — the retention purge of two instances")
struct PostgresRetentionPurgeTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("two instances purging at once purge each due member once, with one MemberPurged each")
    func purgeOnce() async throws {
        try await PostgresInstancesTests.withSchema { url in
            let one = try await PostgresStore.open(url: url, poolSize: 2)
            let two = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await one.createTenant(name: "one").id
            // 40 members deprovisioned 40 days ago (the default retention is 30 days), and
            // one deprovisioned yesterday, which neither pass may purge.
            let gone = (0..<40).map { "gone\($0)" }
            try await one.persistence.write { db in
                for id in gone + ["recent"] {
                    let member = Member(id: MemberID(id), tenantID: tenant, userName: id, givenName: id, familyName: "X",
                                        emails: [try EmailAddress("\(id)@example.com")], locale: nil, timeZoneIdentifier: nil,
                                        categoryValues: CategoryValues([:]), source: .manual,
                                        createdAt: Self.now.addingTimeInterval(-100 * 86_400))
                    let left = Self.now.addingTimeInterval(id == "recent" ? -86_400 : -40 * 86_400)
                    try db.members.save(try ProvisioningTransition.deprovision(member, at: left).member)
                }
            }
            // Small batches, so that both passes run several transactions side by side.
            let passes = [one.persistence, two.persistence, one.persistence, two.persistence].map {
                RetentionPurge(persistence: $0, batchSize: 5)
            }
            let purged = try await withThrowingTaskGroup(of: Int.self) { group in
                for purge in passes {
                    group.addTask {
                        var total = 0
                        while case let count = try await purge.run(at: Self.now), count > 0 { total += count }
                        return total
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(purged == gone.count, "each due member counted by exactly one pass")
            let (lifecycles, purgedEvents) = try await two.persistence.read { db in
                (try db.members.counts(tenant: tenant),
                 try (gone + ["recent"]).map { id in
                     try db.outbox.about(subject: id, tenant: tenant, limit: 100).filter { $0.kind == "MemberPurged" }.count
                 })
            }
            #expect(lifecycles[.purged] == gone.count && lifecycles[.deprovisioned] == 1)
            #expect(purgedEvents == Array(repeating: 1, count: gone.count) + [0], "one MemberPurged per purged member")
        }
    }
}
