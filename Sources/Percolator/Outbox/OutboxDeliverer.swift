import Coffee
import Dispatch
import FoundationEssentials
import Store
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Sends the outbox's emails through the SMTP relay and marks them delivered.
///
/// It runs on a thread of its own (SMTP is a blocking conversation; nothing blocks the
/// Swift concurrency pool), and every `pollInterval` **claims** up to `batchSize` due
/// entries: one write that sets their lease (`claimed_by` = this deliverer's
/// ``identity``, `lease_until` = now + `lease`) on entries no live lease holds. Several
/// deliverers on one database — server instances sharing it — therefore never send the
/// same entry while a lease runs. For each claimed entry it renders the email, extends
/// the lease first if what is left of it could not outlast the SMTP conversation (and
/// skips the entry if the lease was lost meanwhile), sends it, then records the outcome
/// in a write transaction, which ends the lease. A transient failure (connection refused,
/// 4xx) is retried with exponential backoff up to `maxAttempts`; a permanent one (5xx,
/// an address the relay cannot carry) marks the entry failed with the reason. A
/// recipient left out of an email the others received (see ``SMTPDelivery``) is recorded
/// on the delivered entry and logged.
///
/// Delivery is at least once: the entry is marked delivered only after the relay
/// accepted the message, so a crash can never lose an email. A deliverer that dies
/// holding a lease leaves its entries to be claimed again when the lease expires; if it
/// died in the instant between the relay's acceptance and the local commit, the email
/// is sent once more, with the same Message-ID.
final class OutboxDeliverer: Sendable {
    /// Sends one message; the real one is `SMTPClient.send`.
    typealias Send = @Sendable (EmailMessage) throws(SMTPError) -> SMTPDelivery

    /// This deliverer's name in the outbox's `claimed_by`: host, process and a random
    /// part, so two deliverers never share one.
    let identity: String
    private let persistence: any Persistence
    private let settings: OutboxSettings
    private let send: Send
    private let now: @Sendable () -> Date
    private let stopping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    init(persistence: any Persistence, settings: OutboxSettings, send: @escaping Send,
         now: @escaping @Sendable () -> Date = { Date() }, identity: String = OutboxDeliverer.newIdentity()) {
        self.persistence = persistence
        self.settings = settings
        self.send = send
        self.now = now
        self.identity = identity
    }

    /// `host/pid/random`.
    static func newIdentity() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return "\(host)/\(getpid())/\(String(UInt32.random(in: .min ... .max), radix: 16))"
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

    /// Claims the entries due now (at most `batchSize` at a time) and sends them; gives
    /// back the claims it did not get to when stopped. A claim that sent introductions
    /// (each queues its group's "Did you meet?" row) or turned such a row into its
    /// questions (``ScheduledFeedback``) is followed by another, which sends what is due
    /// of them. Returns how many were delivered. Blocks the calling
    /// thread; never call it from the cooperative pool.
    @discardableResult
    func deliverDue() -> Int {
        var delivered = 0
        for _ in 0..<Self.passesAfterExpansion {
            let (sent, expanded) = deliverOnePass()
            delivered += sent
            guard expanded, !stopping.load(ordering: .acquiring) else { break }
        }
        return delivered
    }

    /// The claims one ``deliverDue()`` makes at most while each expands scheduled questions.
    static let passesAfterExpansion = 8

    /// One claim and its entries: how many were delivered, and whether scheduled
    /// questions were expanded (questions now due).
    private func deliverOnePass() -> (delivered: Int, expanded: Bool) {
        var delivered = 0, expanded = false
        do {
            let start = now()
            let (identity, until, limit) = (identity, start.addingTimeInterval(settings.lease.timeInterval), settings.batchSize)
            var claimed = try persistence.writeBlocking { db in
                try db.outbox.claimDue(by: identity, at: start, leaseUntil: until, limit: limit)
            }[...]
            while let entry = claimed.first {
                if stopping.load(ordering: .acquiring) {
                    let seqs = claimed.map(\.seq)
                    try persistence.writeBlocking { db in try db.outbox.release(seqs, by: identity) }
                    break
                }
                claimed = claimed.dropFirst()
                if let scheduled = ScheduledFeedback.scheduled(in: entry) {
                    if try expand(scheduled, of: entry) { expanded = true }
                } else if try deliver(entry) {
                    delivered += 1
                    if entry.kind == EventKind.matchIntroRequested.rawValue { expanded = true }
                }
            }
        } catch {
            ErrorLog.unexpected(error, context: "outbox delivery")
        }
        return (delivered, expanded)
    }

    /// Queues the questions of a group's scheduled feedback row and marks it delivered, in
    /// one transaction, if this deliverer still holds its lease (exactly once; see
    /// ``ScheduledFeedback``). Returns whether it did.
    private func expand(_ scheduled: MeetingFeedbackScheduled, of entry: OutboxEntry) throws -> Bool {
        let (seq, identity, moment) = (entry.seq, identity, now())
        let until = moment.addingTimeInterval(settings.lease.timeInterval)
        return try persistence.writeBlocking { db in
            guard try db.outbox.renewLease(seq: seq, by: identity, at: moment, until: until) else { return false }
            try ScheduledFeedback.expand(scheduled, at: moment, in: db)
            try db.outbox.markDelivered(seq: seq, at: moment, note: nil)
            return true
        }
    }

    private func deliver(_ entry: OutboxEntry) throws -> Bool {
        let messages: [EmailMessage]
        if entry.kind == EventKind.matchIntroRequested.rawValue {
            let (introduction, tokens) = try introductionToSend(entry)
            messages = IntroductionCopies.messages(for: introduction, settings: settings, unsubscribeTokens: tokens)
        } else {
            let recipient = try memberRecipient(of: entry)
            if recipient.hasUnsubscribed {
                try record(entry, error: "Not sent: the member unsubscribed before it was due.", retryAt: nil)
                return false
            }
            messages = OutboxEmailComposer.message(for: entry, settings: settings, unsubscribeToken: recipient.unsubscribeToken)
                .map { [$0] } ?? []
        }
        guard !messages.isEmpty else {
            try record(entry, error: "No email can be rendered for a \(entry.kind) without an address.", retryAt: nil)
            return false
        }
        // An introduction goes as one copy per member (``IntroductionCopies``): a copy the
        // relay refuses for good is noted like a recipient left out; a transient failure
        // retries the whole entry, so copies already accepted go again with their own
        // Message-ID (at least once, as every entry).
        var notes: [String] = [], accepted = 0
        for message in messages {
            guard try holdsLease(on: entry, for: message) else { return false }
            do {
                let delivery = try send(message)
                accepted += 1
                if let note = delivery.note { notes.append(note) }
            } catch {
                let attempts = entry.attempts + 1
                let retry = error.isTransient && attempts < settings.maxAttempts
                if messages.count == 1 || retry {
                    try record(entry, error: error.description, retryAt: retry ? now().addingTimeInterval(backoff(after: attempts)) : nil)
                    return false
                }
                notes.append("\(message.to.joined(separator: ", ")): \(error.description)")
            }
        }
        guard accepted > 0 else {
            try record(entry, error: notes.joined(separator: "; "), retryAt: nil)
            return false
        }
        let (seq, date, note) = (entry.seq, now(), notes.isEmpty ? nil : notes.joined(separator: "; "))
        try persistence.writeBlocking { db in
            try db.outbox.markDelivered(seq: seq, at: date, note: note)
            // An introduction sent queues its group's "Did you meet?" row (once per group).
            try ScheduledFeedback.schedule(after: entry, in: db)
        }
        if let note { Self.logRecipientsLeftOut(entry, note: note) }
        return true
    }

    /// The introduction `entry` filled in if it is compact (``IntroductionHydration``),
    /// and a new one-click unsubscribe link for each of its members (by member id; none
    /// when the portal is off), in one transaction.
    private func introductionToSend(_ entry: OutboxEntry) throws -> (OutboxEntry, [String: String]) {
        let date = now()
        return try persistence.writeBlocking { db in
            let introduction = try IntroductionHydration.hydrate([entry], in: db).first ?? entry
            var tokens: [String: String] = [:]
            for member in IntroductionCopies.members(of: introduction) {
                tokens[member.rawValue] = try PortalService.issueUnsubscribeLink(member: member, tenant: entry.tenantID, at: date, in: db)
            }
            return (introduction, tokens)
        }
    }

    /// For an email to one member (issue 12), in one transaction: whether it is one the
    /// member did not ask for (welcome, left unmatched, "Did you meet?") and the member has
    /// unsubscribed since it was queued; else a new one-click unsubscribe link for it
    /// (none when the portal is off; an introduction's are ``introductionUnsubscribeTokens(of:)``).
    private func memberRecipient(of entry: OutboxEntry) throws -> (hasUnsubscribed: Bool, unsubscribeToken: String?) {
        guard let kind = EventKind(rawValue: entry.kind), OutboxEmailComposer.singleMemberKinds.contains(kind) else { return (false, nil) }
        let (member, tenant, date) = (MemberID(entry.subject), entry.tenantID, now())
        let unsolicited = OutboxEmailComposer.unsolicitedKinds.contains(kind)
        return try persistence.writeBlocking { db in
            if unsolicited, try db.members.member(id: member, tenant: tenant)?.localStatus == .inactive(.unsubscribed) {
                return (true, nil)
            }
            return (false, try PortalService.issueUnsubscribeLink(member: member, tenant: tenant, at: date, in: db))
        }
    }

    /// Whether the lease on `entry` still covers sending `message`: when what is left of
    /// it is shorter than the longest conversation the relay may take, it is extended
    /// first; `false` when it had expired meanwhile (another deliverer may have the entry).
    private func holdsLease(on entry: OutboxEntry, for message: EmailMessage) throws -> Bool {
        let moment = now()
        let needed = (settings.relay?.conversationBound(recipients: message.to.count) ?? .seconds(60)).timeInterval
        guard let leaseUntil = entry.leaseUntil, leaseUntil.timeIntervalSince(moment) < needed else { return true }
        let (seq, identity, until) = (entry.seq, identity, moment.addingTimeInterval(max(settings.lease.timeInterval, 2 * needed)))
        return try persistence.writeBlocking { db in
            try db.outbox.renewLease(seq: seq, by: identity, at: moment, until: until)
        }
    }

    private func record(_ entry: OutboxEntry, error: String, retryAt: Date?) throws {
        let seq = entry.seq
        let date = now()
        try persistence.writeBlocking { db in try db.outbox.markFailed(seq: seq, error: error, retryAt: retryAt, at: date) }
    }

    /// One `email_recipients_left_out` line on standard error: the entry was delivered,
    /// but not to everyone.
    private static func logRecipientsLeftOut(_ entry: OutboxEntry, note: String) {
        ConsoleOutput.standardError("""
            {"time":"\(Timestamp.now())","level":"warning","event":"email_recipients_left_out",\
            "outboxId":"\(entry.seq)","kind":\(JSONText.quote(entry.kind)),"detail":\(JSONText.quote(note))}

            """)
    }

    /// `retryBase × 2^(attempts−1)`, at most an hour.
    func backoff(after attempts: Int) -> TimeInterval {
        min(settings.retryBase.timeInterval * Double(1 << min(max(attempts - 1, 0), 20)), 3_600)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? Int64.max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
