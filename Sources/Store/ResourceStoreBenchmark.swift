import FoundationEssentials
import Synchronization
import SCIM

/// A benchmark of a ``ResourceStore`` (SQLite's, or PostgreSQL's given a URL) at tenant
/// scale, for `percolator bench` and for checking the issue's targets on a machine; it
/// makes no assertions.
///
/// On a temporary file (WAL, `synchronous=FULL`), with 16 concurrent tasks, it measures:
/// creates through the group-committing batcher, `get` by id, `filter=userName eq`,
/// pages of 100 in creation order, a PATCH-like `modify`, and member additions to a
/// group of 10,000 members (when `users` > 10,000). Each line gives operations per
/// second and p50/p99 latency in microseconds; the last gives the process's RSS.
public enum ResourceStoreBenchmark {
    /// Concurrent tasks issuing requests.
    static let concurrency = 16

    /// Runs with `users` users and returns printable lines: on a temporary SQLite file, or,
    /// given `postgresURL`, on that PostgreSQL database (in a new tenant `bench-…`, left
    /// there: the figures of a database that already holds data are the realistic ones).
    public static func run(users: Int, postgresURL: String? = nil) async throws -> String {
        precondition(users > 100, "more than 100 users (one page, and a random start after it)")
        if let postgresURL {
            let database = try await PostgresStore.open(url: postgresURL)
            let tenant = try await database.createTenant(name: "bench-" + RandomID.make()).id
            return try await run(users: users, store: PostgresResourceStore(store: database), tenant: tenant,
                                 header: "resources on PostgreSQL: \(users) users, \(concurrency) concurrent tasks, "
                                     + "\(PostgresStore.defaultPoolSize) connections, synchronous_commit=on")
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("percolator-resource-bench-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try SQLiteDatabase(path: path)
        try await database.migrate(StoreSchema.migrator)
        let tenant = try await SQLiteStore(database: database).createTenant(name: "bench").id
        return try await run(users: users, store: SQLiteResourceStore(database: database), tenant: tenant,
                             header: "resources: \(users) users, \(concurrency) concurrent tasks, WAL, synchronous=FULL")
    }

    /// The measurements on `store`, in `tenant`.
    private static func run(users: Int, store: any ResourceStore, tenant: TenantID, header: String) async throws -> String {
        var lines = [header]

        let ids = Mutex([String](repeating: "", count: users))
        lines.append(try await measure("create user", operations: users) { index in
            var user = JSONObject()
            user["schemas"] = [.string(SCIMSchemaURN.user)]
            user["userName"] = .string("user\(index)@example.com")
            user["externalId"] = .string("ext-\(index)")
            user["displayName"] = .string("User \(index)")
            user["active"] = true
            user["emails"] = [["value": .string("user\(index)@example.com"), "type": "work", "primary": true]]
            let created = try await store.create(user, kind: .user, tenant: tenant)
            ids.withLock { $0[index] = created.id }
        })
        let userIDs = ids.withLock { $0 }
        let lookups = min(users, 50_000)

        lines.append(try await measure("get by id", operations: lookups) { _ in
            let id = userIDs[Int.random(in: 0..<users)]
            guard try await store.get(id: id, kind: .user, tenant: tenant, includeMembers: true) != nil else {
                throw ResourceStoreError.notFound
            }
        })
        lines.append(try await measure("filter userName eq", operations: lookups) { _ in
            let filter = try FilterParser.parse("userName eq \"USER\(Int.random(in: 0..<users))@example.com\"")
            let page = try await store.list(ResourceQuery(filter: filter), kind: .user, tenant: tenant)
            guard page.total == 1 else { throw ResourceStoreError.notFound }
        })
        let pages = users / 100
        let share = max(1, pages / concurrency)
        lines.append(try await measure("list page of 100, 16 clients paging in order", operations: min(pages, 5_000)) { index in
            // Client `index % 16` walks its own share of the pages, first to last.
            let page = (index % concurrency) * share + (index / concurrency) % share
            let result = try await store.list(ResourceQuery(startIndex: page * 100 + 1, count: 100), kind: .user, tenant: tenant)
            guard result.resources.count == 100 else { throw ResourceStoreError.notFound }
        })
        lines.append(try await measure("list page of 100 at a random startIndex", operations: min(pages, 2_000)) { _ in
            let start = Int.random(in: 1...(users - 100))
            let result = try await store.list(ResourceQuery(startIndex: start, count: 100), kind: .user, tenant: tenant)
            guard result.resources.count == 100 else { throw ResourceStoreError.notFound }
        })
        lines.append(try await measure("filter userName sw + title eq (JSON, bounded)", operations: min(users, 5_000)) { _ in
            let prefix = "user\(Int.random(in: 1_000..<10_000))"
            let filter = try FilterParser.parse(#"userName sw "\#(prefix)" and title eq "nobody""#)
            _ = try await store.list(ResourceQuery(filter: filter), kind: .user, tenant: tenant)
        })
        lines.append(try await measure("filter title eq alone (refused: tooMany)", operations: 1_000) { _ in
            do {
                _ = try await store.list(ResourceQuery(filter: try FilterParser.parse(#"title eq "x""#)), kind: .user, tenant: tenant)
            } catch ResourceStoreError.tooMany {
                return
            }
        })
        lines.append(try await measure("modify (PATCH replace title)", operations: min(users, 20_000)) { index in
            _ = try await store.modify(id: userIDs[index], kind: .user, tenant: tenant, expectedVersion: nil,
                                       includeMembers: false) { current in
                var attributes = current.attributes
                attributes[attribute: "title"] = .string("title \(index)")
                return ResourceModification(attributes: attributes)
            }
        })

        if users > 10_000 {
            var group = JSONObject()
            group["displayName"] = "Everyone"
            group["members"] = .array(userIDs.prefix(10_000).map { .object(JSONObject([.init(key: "value", value: .string($0))])) })
            let clock = ContinuousClock()
            let start = clock.now
            let created = try await store.create(group, kind: .group, tenant: tenant)
            lines.append("create group of 10,000 members: \(micros(clock.now - start) / 1000) ms")
            let rest = Array(userIDs.dropFirst(10_000))
            lines.append(try await measure("add 1 member to 10,000-member group", operations: min(rest.count, 10_000)) { index in
                _ = try await store.modify(id: created.id, kind: .group, tenant: tenant, expectedVersion: nil,
                                           includeMembers: false) { _ in
                    ResourceModification(addedMembers: [rest[index]])
                }
            })
        }
        lines.append("rss: \(memory("VmRSS")) now, \(memory("VmHWM")) peak")
        return lines.joined(separator: "\n")
    }

    /// Runs `operation(0..<operations)` from `concurrency` tasks; one line of results.
    private static func measure(_ name: String, operations: Int,
                                _ operation: @escaping @Sendable (Int) async throws -> Void) async throws -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Int].self) { group in
            for task in 0..<concurrency {
                group.addTask {
                    var latencies: [Int] = []
                    for index in stride(from: task, to: operations, by: concurrency) {
                        let begin = clock.now
                        try await operation(index)
                        latencies.append(micros(clock.now - begin))
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }.sorted()
        }
        let elapsed = clock.now - start
        let seconds = Double(micros(elapsed)) / 1e6
        let rate = seconds > 0 ? Int(Double(operations) / seconds) : 0
        func percentile(_ p: Double) -> Int {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return "\(name): \(rate)/s (\(operations) in \(Double(Int(seconds * 100)) / 100) s), "
            + "p50 \(percentile(0.50)) µs, p99 \(percentile(0.99)) µs"
    }

    private static func micros(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1_000_000 + Int(duration.components.attoseconds / 1_000_000_000_000)
    }

    /// A line of /proc/self/status (e.g. `VmRSS`), or "?" elsewhere.
    private static func memory(_ field: String) -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.map { String($0.dropFirst(field.count + 1).drop(while: { $0 == " " || $0 == "\t" })) } ?? "?"
    }
}
