import Synchronization

/// The creation order (`seq`) of every resource of a tenant and kind, kept in memory so
/// that an unfiltered page at any `startIndex` is a range seek (`seq BETWEEN first AND
/// last`) instead of an `OFFSET` that walks 50,000 index entries (RFC 7644 §3.4.2.4
/// paging at random positions, as import tools and validators do).
///
/// It stays exact across processes and store instances without notifications: the
/// `deletions` counter of `scim_resource_counts`, read in the same snapshot as the page,
/// must equal the one the index was built at. Inserts only append larger `seq`s, so a
/// shorter index is extended with `seq > last`; any deletion rebuilds it. About 8 bytes
/// per resource (800 KB for 100,000 users); at most ``capacity`` tenants and kinds kept.
final class OrderIndexCache: Sendable {
    struct Key: Hashable, Sendable {
        var tenant: TenantID
        var kind: ResourceKind
    }

    private struct Entry {
        var deletions: Int64
        var seqs: [Int64]
    }

    /// Indexes kept at most; all are dropped when more are needed. Default 64.
    let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The `seq`s at positions `range` (zero-based) of the tenant's resources of `kind`,
    /// as of the snapshot of `db`, in which there are `count` of them after `deletions`.
    func seqs(_ key: Key, range: Range<Int>, count: Int, deletions: Int64, in db: Connection) throws -> ArraySlice<Int64> {
        let wanted = range.clamped(to: 0..<count)
        if let slice = cached(key, wanted, deletions: deletions) { return slice }
        let known = entries.withLock { entries -> [Int64]? in
            guard let entry = entries[key], entry.deletions == deletions else { return nil }
            return entry.seqs
        }
        var seqs = known ?? []
        let after = seqs.last ?? -1
        let added = try db.query("""
            SELECT seq FROM scim_resources WHERE tenant_id = ? AND resource_type = \(key.kind.sqlLiteral) AND seq > ? ORDER BY seq
            """, key.tenant.rawValue, after) { $0.int64(0) }
        seqs.append(contentsOf: added)
        guard seqs.count >= count else {
            throw StoreError(code: .internal, message: "order index shorter than the counted rows")
        }
        let built = seqs
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity { entries.removeAll() }
            if let current = entries[key], current.deletions == deletions, current.seqs.count >= built.count { return }
            entries[key] = Entry(deletions: deletions, seqs: built)
        }
        return built[wanted]
    }

    private func cached(_ key: Key, _ range: Range<Int>, deletions: Int64) -> ArraySlice<Int64>? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.deletions == deletions, entry.seqs.count >= range.upperBound else { return nil }
            return ArraySlice(entry.seqs[range])
        }
    }
}
