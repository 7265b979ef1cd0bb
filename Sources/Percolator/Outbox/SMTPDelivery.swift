/// What the relay accepted of one message: the recipients it took, and those left out
/// (a malformed address, an internationalised one the relay cannot carry, a 5xx to
/// `RCPT TO`) with the reason. The message went to the accepted ones; the others never
/// will, so they are reported, not retried.
public struct SMTPDelivery: Sendable, Equatable {
    /// A recipient the message could not go to.
    public struct Refusal: Sendable, Equatable {
        /// The address, as the message gave it.
        public var recipient: String
        /// Why, in words fit for an admin.
        public var reason: String

        /// A refusal of `recipient` for `reason`.
        public init(recipient: String, reason: String) {
            self.recipient = recipient
            self.reason = reason
        }
    }

    /// The envelope addresses the relay accepted.
    public var accepted: [String]
    /// The recipients left out, in the message's order.
    public var refused: [Refusal]

    /// A delivery report.
    public init(accepted: [String], refused: [Refusal] = []) {
        self.accepted = accepted
        self.refused = refused
    }

    /// One sentence for the outbox and the log when recipients were left out; `nil` when
    /// the message reached everyone.
    public var note: String? {
        guard !refused.isEmpty else { return nil }
        let reasons = refused.map { "\($0.recipient): \($0.reason)" }.joined(separator: "; ")
        return "Sent to \(accepted.count) of \(accepted.count + refused.count) recipients; not sent to \(reasons)"
    }
}
