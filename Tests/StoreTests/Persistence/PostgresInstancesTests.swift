import Coffee
import Foundation
import Testing
@testable import Store

/// Two Percolator instances on one database, as two stores with pools of their own on one
/// schema: what one instance commits, the other sees and cannot do twice.
@Suite("PostgreSQL — two instances on one database")
struct PostgresInstancesTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("two schedulers inserting the same rounds at once create each exactly once")
    func sessionsOnce() async throws {
        try await withPostgresSchema { url in
            let one = try await PostgresStore.open(url: url, poolSize: 2)
            let two = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await one.createTenant(name: "one").id
            let program = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            try await one.persistence.write { tx in try tx.programs.save(program) }
            let rounds = (1...10).map { Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(Double($0) * 86_400), at: Self.start) }
            let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
                for persistence in [one.persistence, two.persistence, one.persistence, two.persistence] {
                    group.addTask {
                        var count = 0
                        for round in rounds where try await persistence.write({ tx in try tx.sessions.insert(round) }) {
                            count += 1
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(inserted == 10, "each round inserted by exactly one scheduler")
            #expect(try await two.persistence.read { tx in try tx.sessions.sessions(tenant: tenant).count } == 10)
        }
    }

    @Test("deliverers of two instances never claim the same email")
    func claimsAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let one = try await PostgresStore.open(url: url, poolSize: 2)
            let two = try await PostgresStore.open(url: url, poolSize: 2)
            let tenant = try await one.createTenant(name: "one").id
            let events = try PersistenceContractSessionTests.welcomes(300, tenant: tenant)
            try await one.persistence.write { tx in _ = try tx.outbox.append(events) }
            let now = Self.start.addingTimeInterval(1_000)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (name, persistence) in [("a", one.persistence), ("b", two.persistence)] {
                    group.addTask {
                        // The deliverer's own thread: writeBlocking, as OutboxDeliverer calls it.
                        try await offPool {
                            var mine: [Int64] = []
                            while true {
                                let batch = try persistence.writeBlocking { tx in
                                    try tx.outbox.claimDue(by: name, at: now, leaseUntil: now.addingTimeInterval(60), limit: 5)
                                }
                                if batch.isEmpty { return mine }
                                mine += batch.map(\.seq)
                            }
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claimed.flatMap { $0 }
            #expect(all.count == 300 && Set(all).count == 300, "each email claimed once across instances")
        }
    }

    @Test("a token revoked through one instance no longer authenticates through the other")
    func revocationAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let one = try await PostgresStore.open(url: url, poolSize: 1)
            let two = try await PostgresStore.open(url: url, poolSize: 1)
            let tenant = try await one.createTenant(name: "one").id
            let issued = try await one.issueToken(tenant: tenant, kind: .admin, label: nil)
            #expect(try await two.authenticate(plaintext: issued.plaintext, kind: .admin) == tenant)
            #expect(try await one.revokeToken(id: issued.record.id))
            #expect(try await two.authenticate(plaintext: issued.plaintext, kind: .admin) == nil)
        }
    }
}

extension PostgresInstancesTests {
    @Test("an ETag read through one instance guards a write through the other")
    func versionsAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let one = try await PostgresStore.open(url: url, poolSize: 1)
            let two = try await PostgresStore.open(url: url, poolSize: 1)
            let tenant = try await one.createTenant(name: "one").id
            let first = PostgresResourceStore(store: one)
            let second = PostgresResourceStore(store: two)
            let user = try await first.create(userJSON("ann"), kind: .user, tenant: tenant)
            let read = try #require(try await second.get(id: user.id, kind: .user, tenant: tenant, includeMembers: false))
            _ = try await first.replace(id: user.id, kind: .user, tenant: tenant, expectedVersion: read.version,
                                        userJSON("ann", displayName: "Ann"))
            #expect(await ResourceStoreContractTests.resourceError {
                _ = try await second.replace(id: user.id, kind: .user, tenant: tenant, expectedVersion: read.version,
                                             userJSON("ann", displayName: "Stale"))
            } == .versionMismatch(current: 2))
            #expect(try await second.get(id: user.id, kind: .user, tenant: tenant, includeMembers: false)?
                .attributes[attribute: "displayName"]?.stringValue == "Ann")
        }
    }
}
