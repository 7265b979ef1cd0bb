import Synchronization

/// Remembers where the next page of an unfiltered, unsorted list starts, so clients that
/// page through a tenant in order (Okta and Entra imports: `startIndex=1, 101, 201…`)
/// cost one index seek per page instead of an `OFFSET` that skips every earlier entry.
///
/// A cursor says "position `startIndex` is the first resource with `seq` greater than
/// `afterSeq`". Creates never move earlier positions (a new row's `seq` is larger than
/// every existing one) and updates keep `seq`; only deletes do. So every delete bumps the
/// `(tenant, type)`'s generation when it starts and again when it has committed, and a
/// cursor is used only when no delete is in flight and the generation did not change
/// between taking the cursor and reading (``isCurrent(_:_:)``), else the caller falls
/// back to `OFFSET`.
final class PageCursorCache: Sendable {
    /// The list a cursor belongs to.
    struct Key: Hashable, Sendable {
        var tenant: TenantID
        var kind: ResourceKind
    }

    /// The most cursors kept per list before the oldest are dropped. Default: 256.
    let capacity: Int
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var generations: [Key: Int] = [:]
        var deletesInFlight: [Key: Int] = [:]
        var cursors: [Key: [Int: Int64]] = [:]
        var cursorGenerations: [Key: Int] = [:]
    }

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The list's generation, or `nil` while a delete is in flight (no cursor is valid).
    func generation(_ key: Key) -> Int? {
        state.withLock { state in
            state.deletesInFlight[key, default: 0] > 0 ? nil : state.generations[key, default: 0]
        }
    }

    /// Whether `generation` is still the list's current one, with no delete in flight.
    func isCurrent(_ key: Key, _ generation: Int) -> Bool {
        self.generation(key) == generation
    }

    /// The `seq` after which position `startIndex` starts, if known for `generation`.
    func cursor(_ key: Key, startIndex: Int, generation: Int) -> Int64? {
        state.withLock { state in
            guard state.cursorGenerations[key] == generation else { return nil }
            return state.cursors[key]?[startIndex]
        }
    }

    /// Records that position `startIndex` starts after `afterSeq`, as read at `generation`.
    func remember(_ key: Key, startIndex: Int, afterSeq: Int64, generation: Int) {
        state.withLock { state in
            guard state.deletesInFlight[key, default: 0] == 0, state.generations[key, default: 0] == generation else { return }
            if state.cursorGenerations[key] != generation {
                state.cursorGenerations[key] = generation
                state.cursors[key] = [:]
            }
            if state.cursors[key, default: [:]].count >= capacity { state.cursors[key] = [:] }
            state.cursors[key, default: [:]][startIndex] = afterSeq
        }
    }

    /// Called before a delete of the list's resources is written.
    func deleteWillStart(_ key: Key) {
        state.withLock { state in
            state.deletesInFlight[key, default: 0] += 1
            state.generations[key, default: 0] += 1
        }
    }

    /// Called after that delete committed or failed.
    func deleteDidEnd(_ key: Key) {
        state.withLock { state in
            state.deletesInFlight[key, default: 0] -= 1
            state.generations[key, default: 0] += 1
        }
    }
}
