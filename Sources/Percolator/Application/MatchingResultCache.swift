import Coffee
import Synchronization

/// The last few matched sessions' results, decoded, by tenant and session. A saved result
/// never changes (a matched session is not matched again; members who leave are marked
/// unavailable beside it), so a cached one is never stale, on any instance: reading a
/// session of 100,000 members page by page decodes its result once, not once per page.
final class MatchingResultCache: Sendable {
    private struct Key: Hashable {
        var tenant: TenantID
        var session: SessionID
    }

    private let entries = Mutex<[(key: Key, result: MatchingResult)]>([])
    /// How many results are kept; the least recently read goes first.
    let capacity: Int

    /// A cache of at most `capacity` results.
    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// The cached result of `session`, or the one `load` reads (then cached).
    func result(tenant: TenantID, session: SessionID,
                load: () throws -> MatchingResult?) rethrows -> MatchingResult? {
        let key = Key(tenant: tenant, session: session)
        if let hit = entries.withLock({ entries -> MatchingResult? in
            guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.result
        }) {
            return hit
        }
        guard let loaded = try load() else { return nil }
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, loaded))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
        return loaded
    }
}
