/// A counting semaphore over the PostgreSQL tests of this process: each test's schema,
/// its store's pool and any writers of its own hold one slot, so the connections open at
/// once stay well under the test server's `max_connections` (scripts/postgres.sh), however
/// many tests Swift Testing starts together.
actor PostgresSchemaSlots {
    /// The slots every PostgreSQL test of this process shares. A test opens at most about
    /// twenty connections (a pool of four and sixteen concurrent writers), so eight tests
    /// at once stay under 200 connections with room for a developer's own psql sessions.
    static let shared = PostgresSchemaSlots(count: 8)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    /// Waits for a free slot and takes it.
    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back: to the longest waiting test, or to the pool.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
