import Synchronization

/// Remembers where the next page of an unfiltered, unsorted list starts, so clients that
/// page through a tenant in order (Okta and Entra imports: `startIndex=1, 101, 201…`)
/// cost one index seek per page instead of an `OFFSET` that skips every earlier entry.
///
/// A cursor says "position `startIndex` is the first resource with `seq` greater than
/// `afterSeq`". Creates never move earlier positions (a new row's `seq` is larger than
/// every existing one) and updates keep `seq`; only deletes do. So a cursor records the
/// list's deletion count (`scim_resource_counts.deletions`, kept by a trigger) read in
/// the same snapshot, and is used only by a read whose snapshot shows the same count.
/// That holds across store instances and processes: the check is in the data.
final class PageCursorCache: Sendable {
    /// The list a cursor belongs to.
    struct Key: Hashable, Sendable {
        var tenant: TenantID
        var kind: ResourceKind
    }

    private struct Cursor {
        var afterSeq: Int64
        var deletions: Int64
    }

    /// The most cursors kept per list; past it the list's cursors are dropped. Default: 256.
    let capacity: Int
    private let cursors = Mutex<[Key: [Int: Cursor]]>([:])

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The `seq` after which position `startIndex` starts, if recorded with `deletions`.
    func cursor(_ key: Key, startIndex: Int, deletions: Int64) -> Int64? {
        cursors.withLock { cursors in
            guard let cursor = cursors[key]?[startIndex], cursor.deletions == deletions else { return nil }
            return cursor.afterSeq
        }
    }

    /// Records that position `startIndex` starts after `afterSeq`, in a snapshot that
    /// showed `deletions` deletions.
    func remember(_ key: Key, startIndex: Int, afterSeq: Int64, deletions: Int64) {
        cursors.withLock { cursors in
            if cursors[key, default: [:]].count >= capacity { cursors[key] = [:] }
            cursors[key, default: [:]][startIndex] = Cursor(afterSeq: afterSeq, deletions: deletions)
        }
    }
}
