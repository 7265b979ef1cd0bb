import Dispatch
import FoundationEssentials
import Store
import Synchronization

/// Sends the outbox's emails through the SMTP relay and marks them delivered.
///
/// It runs on a thread of its own (SMTP is a blocking conversation; nothing blocks the
/// Swift concurrency pool), looks for due entries every `pollInterval`, and for each:
/// renders the email, sends it, then records the outcome in a write transaction. A
/// transient failure (connection refused, 4xx) is retried with exponential backoff up to
/// `maxAttempts`; a permanent one (5xx) marks the entry failed with the reason.
///
/// Delivery is at least once: the entry is marked delivered only after the relay
/// accepted the message, so a crash can never lose an email. A crash in the instant
/// between the relay's acceptance and the local commit resends it once, with the same
/// Message-ID. A restart between the commit of the event and its delivery simply finds
/// it still due.
final class OutboxDeliverer: Sendable {
    /// Sends one message; the real one is `SMTPClient.send`.
    typealias Send = @Sendable (EmailMessage) throws(SMTPError) -> Void

    private let database: SQLiteDatabase
    private let settings: OutboxSettings
    private let send: Send
    private let now: @Sendable () -> Date
    private let stopping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    init(database: SQLiteDatabase, settings: OutboxSettings, send: @escaping Send,
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.settings = settings
        self.send = send
        self.now = now
    }

    /// Starts the delivery thread.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = DispatchQueue(label: "percolator.outbox.deliverer")
        thread.async { [self] in
            while !stopping.load(ordering: .acquiring) {
                deliverDue()
                _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(settings.pollInterval.nanoseconds)))
            }
            finished.signal()
        }
    }

    /// Stops after the email being sent, if any; waits for the thread at most `grace`.
    func stop(grace: Duration = .seconds(15)) {
        guard started.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wakeUp.signal()
        _ = finished.wait(timeout: .now() + .nanoseconds(Int(grace.nanoseconds)))
    }

    /// One pass: sends every entry due now. Returns how many were delivered. Blocks the
    /// calling thread; never call it from the cooperative pool.
    @discardableResult
    func deliverDue() -> Int {
        var delivered = 0
        do {
            let entries = try database.readSync { db in try OutboxRecords.due(at: self.now(), limit: 50, in: db) }
            for entry in entries where !stopping.load(ordering: .acquiring) {
                if try deliver(entry) { delivered += 1 }
            }
        } catch {
            ErrorLog.unexpected(error, context: "outbox delivery")
        }
        return delivered
    }

    private func deliver(_ entry: OutboxEntry) throws -> Bool {
        guard let message = OutboxEmailComposer.message(for: entry, settings: settings) else {
            try record(entry, error: "No email can be rendered for a \(entry.kind) without an address.", retryAt: nil)
            return false
        }
        do {
            try send(message)
        } catch {
            let attempts = entry.attempts + 1
            let retry = error.isTransient && attempts < settings.maxAttempts
            try record(entry, error: error.description, retryAt: retry ? now().addingTimeInterval(backoff(after: attempts)) : nil)
            return false
        }
        let seq = entry.seq
        let date = now()
        try database.writeSync { db in try OutboxRecords.markDelivered(seq: seq, at: date, in: db) }
        return true
    }

    private func record(_ entry: OutboxEntry, error: String, retryAt: Date?) throws {
        let seq = entry.seq
        let date = now()
        try database.writeSync { db in try OutboxRecords.markFailed(seq: seq, error: error, retryAt: retryAt, at: date, in: db) }
    }

    /// `retryBase × 2^(attempts−1)`, at most an hour.
    func backoff(after attempts: Int) -> TimeInterval {
        let base = Double(settings.retryBase.components.seconds) + Double(settings.retryBase.components.attoseconds) / 1e18
        return min(base * Double(1 << min(max(attempts - 1, 0), 20)), 3_600)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? Int64.max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
