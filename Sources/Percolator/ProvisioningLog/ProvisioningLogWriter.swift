import Coffee
import FoundationEssentials
import Synchronization

/// The provisioning log's entries that are not written with a SCIM write (failures,
/// failed reads, writes that changed nothing): queued in memory and written in batches
/// through the persistence port by a background task, every ``interval`` or as soon as
/// ``batchSize`` are waiting. The queue is bounded: when it is full an entry is dropped
/// and counted (never does a request wait for the log), and the count is reported on
/// standard error with the next flush.
final class ProvisioningLogWriter: Sendable {
    let persistence: any Persistence
    /// The most entries waiting; beyond, new ones are dropped.
    let capacity: Int
    /// The most entries written per transaction, and how many waiting start a flush early.
    let batchSize: Int
    /// How often waiting entries are written.
    let interval: Duration
    private let state = Mutex(State())
    private let dropped = Atomic<Int>(0)

    private struct State {
        var pending: [ProvisioningLogEntry] = []
        var isFlushing = false
        var droppedReported = 0
    }

    /// A writer over `persistence`; nothing is written until ``start(while:)`` or ``flush()``.
    init(persistence: any Persistence, capacity: Int = 10_000, batchSize: Int = 500,
         interval: Duration = .milliseconds(100)) {
        self.persistence = persistence
        self.capacity = capacity
        self.batchSize = batchSize
        self.interval = interval
    }

    /// Entries dropped so far because the queue was full (or a batch failed to write).
    var droppedCount: Int { dropped.load(ordering: .relaxed) }

    /// Queues `entry`; never waits. A full queue drops it.
    func enqueue(_ entry: ProvisioningLogEntry) {
        let startFlush = state.withLock { state -> Bool in
            guard state.pending.count < capacity else {
                dropped.add(1, ordering: .relaxed)
                return false
            }
            state.pending.append(entry)
            return state.pending.count >= batchSize && !state.isFlushing
        }
        if startFlush { Task.detached { await self.flush() } }
    }

    /// Writes every waiting entry, a batch per transaction; returns how many were written.
    /// When another flush is running, waits for it first, so that every entry queued before
    /// the call is written when it returns (shutdown relies on it).
    @discardableResult
    func flush() async -> Int {
        while !state.withLock({ state -> Bool in
            guard !state.isFlushing else { return false }
            state.isFlushing = true
            return true
        }) {
            try? await Task.sleep(for: .milliseconds(1))
        }
        var written = 0
        while true {
            let batch = state.withLock { state -> [ProvisioningLogEntry] in
                let batch = Array(state.pending.prefix(batchSize))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.isFlushing = false }
                return batch
            }
            guard !batch.isEmpty else { break }
            do {
                try await persistence.write { db in
                    for entry in batch { try db.provisioningLog.record(entry) }
                }
                written += batch.count
            } catch {
                dropped.add(batch.count, ordering: .relaxed)
                ErrorLog.unexpected(error, context: "provisioning log: \(batch.count) entries not written")
            }
        }
        reportDrops()
        return written
    }

    /// Runs ``flush()`` every ``interval`` while `isRunning` says so, and once more after.
    func start(while isRunning: @escaping @Sendable () -> Bool) {
        Task.detached { [self] in
            while isRunning() {
                try? await Task.sleep(for: interval)
                await flush()
            }
            await flush()
        }
    }

    /// One line on standard error when entries were dropped since the last report.
    private func reportDrops() {
        let total = dropped.load(ordering: .relaxed)
        let new = state.withLock { state -> Int in
            defer { state.droppedReported = total }
            return total - state.droppedReported
        }
        guard new > 0 else { return }
        ConsoleOutput.standardError(
            "{\"time\":\"\(Timestamp.now())\",\"level\":\"warning\",\"event\":\"provisioning_log_dropped\",\"entries\":\(new),\"total\":\(total)}\n")
    }
}
