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
            let (one, two, tenant) = try await Self.twoStores(url, poolSize: 2)
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

    @Test("a program another instance changed reads changed (programs decoded are kept by their stored text)")
    func programsChangedElsewhere() async throws {
        try await withPostgresSchema { url in
            let (one, two, tenant) = try await Self.twoStores(url, poolSize: 2)
            let program = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            try await one.persistence.write { tx in try tx.programs.save(program) }
            #expect(try await two.persistence.read { tx in try tx.programs.programs(tenant: tenant) } == [program])
            var changed = program
            changed.name = "Renamed"
            changed.audience = .categories(try AudienceExpression(parsing: "Department = Sales"))
            let saved = changed
            try await one.persistence.write { tx in try tx.programs.save(saved) }
            #expect(try await two.persistence.read { tx in try tx.programs.programs(tenant: tenant) } == [saved])
            #expect(try await two.persistence.read { tx in try tx.programs.program(id: saved.id, tenant: tenant) } == saved)
            try await one.persistence.write { tx in try tx.programs.delete(id: saved.id, tenant: tenant) }
            #expect(try await two.persistence.read { tx in try tx.programs.programs(tenant: tenant) }.isEmpty)
        }
    }

    @Test("deliverers of two instances never claim the same email")
    func claimsAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let (one, two, tenant) = try await Self.twoStores(url, poolSize: 2)
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
            let (one, two, tenant) = try await Self.twoStores(url, poolSize: 1)
            let issued = try await one.issueToken(tenant: tenant, kind: .admin, label: nil)
            #expect(try await two.authenticate(plaintext: issued.plaintext, kind: .admin) == tenant)
            #expect(try await one.revokeToken(id: issued.record.id))
            #expect(try await two.authenticate(plaintext: issued.plaintext, kind: .admin) == nil)
        }
    }
}

extension PostgresInstancesTests {
    /// The SCIM resource stores of two instances (stores with pools of `poolSize` of their
    /// own) on the schema at `url`, and a tenant created through the first.
    static func twoResourceStores(_ url: String, poolSize: Int) async throws
        -> (first: PostgresResourceStore, second: PostgresResourceStore, tenant: TenantID) {
        let (one, two, tenant) = try await twoStores(url, poolSize: poolSize)
        return (PostgresResourceStore(store: one), PostgresResourceStore(store: two), tenant)
    }

    /// Two instances (stores with pools of `poolSize` of their own) on the schema at
    /// `url`, and a tenant created through the first.
    static func twoStores(_ url: String, poolSize: Int) async throws -> (PostgresStore, PostgresStore, TenantID) {
        let one = try await PostgresStore.open(url: url, poolSize: poolSize)
        let two = try await PostgresStore.open(url: url, poolSize: poolSize)
        return (one, two, try await one.createTenant(name: "one").id)
    }

    @Test("an ETag read through one instance guards a write through the other")
    func versionsAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let (first, second, tenant) = try await Self.twoResourceStores(url, poolSize: 1)
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

    @Test("a group's ETag read through one instance is outdated by a member change through the other (a change row, not a row update)")
    func groupVersionsAcrossInstances() async throws {
        try await withPostgresSchema { url in
            let (first, second, tenant) = try await Self.twoResourceStores(url, poolSize: 2)
            let ann = try await first.create(userJSON("ann"), kind: .user, tenant: tenant)
            let bob = try await first.create(userJSON("bob"), kind: .user, tenant: tenant)
            let group = try await first.create(groupJSON("G"), kind: .group, tenant: tenant)
            let read = try #require(try await second.get(id: group.id, kind: .group, tenant: tenant, includeMembers: false))
            let added = try await first.modify(id: group.id, kind: .group, tenant: tenant, expectedVersion: nil, includeMembers: false) { _ in
                ResourceModification(addedMembers: [ann.id])
            }
            #expect(added.version == read.version + 1)
            #expect(await ResourceStoreContractTests.resourceError {
                _ = try await second.modify(id: group.id, kind: .group, tenant: tenant, expectedVersion: read.version,
                                            includeMembers: false) { _ in ResourceModification(addedMembers: [bob.id]) }
            } == .versionMismatch(current: added.version), "the ETag read before the member change no longer matches")
            let fresh = try #require(try await second.get(id: group.id, kind: .group, tenant: tenant, includeMembers: true))
            #expect(fresh.version == added.version && fresh.members?.map(\.value) == [ann.id])
            let guarded = try await second.modify(id: group.id, kind: .group, tenant: tenant, expectedVersion: fresh.version,
                                                  includeMembers: true) { _ in ResourceModification(addedMembers: [bob.id]) }
            #expect(guarded.version == fresh.version + 1 && Set(guarded.members?.map(\.value) ?? []) == [ann.id, bob.id])
            #expect(try await first.get(id: group.id, kind: .group, tenant: tenant, includeMembers: false)?.version == guarded.version)
        }
    }
}

extension PostgresInstancesTests {
    /// A SCIM write's transaction, as ``PostgresResourceStore`` runs it (`READ COMMITTED`,
    /// the provisioning observer writing the domain rows in it), on a connection of its
    /// own: `body` runs after every transaction of the batch is open, as in an identity
    /// provider's burst.
    static func scimWrite(_ url: String, _ body: @escaping @Sendable (PostgresTransaction) throws -> Void) async throws {
        try await offPool {
            let db = try PostgresConnection(url: url)
            try db.transaction(.readCommitted) { db in
                _ = try db.queryOne("SELECT 1", map: { _ in true })
                Thread.sleep(forTimeInterval: 0.2)
                try body(PostgresTransaction(db, writes: true))
            }
        }
    }

    /// `writers` SCIM writes at once, each absorbing one department value `D<n>`, beside
    /// `alongside` if given.
    static func absorbAtOnce(_ url: String, tenant: TenantID, writers: Int,
                             alongside: (@Sendable () async throws -> Void)? = nil) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let alongside { group.addTask(operation: alongside) }
            for writer in 0..<writers {
                group.addTask {
                    try await scimWrite(url) { tx in
                        try tx.categories.absorb(CategoryValues([.department: ["D\(writer)"]]), tenant: tenant)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// An identity provider's first sync sends many creates at once: each absorbs its
    /// category values, and the first ones find no catalog yet. They used to store the
    /// defaults side by side and all but one failed on `categories_pkey` (a 500 per create).
    @Test("the first category absorbs of a tenant, at once in SCIM writes: none fails, no value lost")
    func firstAbsorbsAtOnce() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 1)
            for round in 0..<3 {
                let tenant = try await store.createTenant(name: "t\(round)").id
                try await Self.absorbAtOnce(url, tenant: tenant, writers: 8)
                let catalog = try await store.persistence.read { tx in try tx.categories.catalog(tenant: tenant) }
                #expect(catalog.categories.map(\.key) == CategoryCatalog.identityProviderDefaults.categories.map(\.key))
                #expect(Set(catalog[.department]?.knownValues ?? []) == Set((0..<8).map { "D\($0)" }))
            }
        }
    }

    @Test("a catalog an admin saves while the first SCIM writes absorb is never replaced by the defaults")
    func savedCatalogSurvivesFirstAbsorbs() async throws {
        try await withPostgresSchema { url in
            let store = try await PostgresStore.open(url: url, poolSize: 1)
            let custom = CategoryCatalog([Category(key: .department, label: "Team")])
            for round in 0..<3 {
                let tenant = try await store.createTenant(name: "t\(round)").id
                try await Self.absorbAtOnce(url, tenant: tenant, writers: 6) {
                    // The admin API's save: a serialisable write, as CategoryService runs it.
                    try await store.persistence.write { tx in
                        Thread.sleep(forTimeInterval: 0.2)
                        try tx.categories.save(custom, tenant: tenant)
                    }
                }
                let catalog = try await store.persistence.read { tx in try tx.categories.catalog(tenant: tenant) }
                // The admin's catalog last, or the defaults first and then the admin's over
                // them; never the defaults over the admin's.
                #expect(catalog.categories.map(\.key) == [.department], "round \(round): \(catalog.categories.map(\.key))")
            }
        }
    }
}
