import Foundation

/// A session as a list of a program's sessions shows it: its id, state and match time,
/// read without its opt-ins, opt-outs and snapshot (``SessionRepository/listing(program:tenant:)``).
public struct SessionListing: Hashable, Sendable {
    /// The session.
    public let id: SessionID
    /// Scheduled, open, matched, closed or cancelled.
    public let state: SessionState
    /// When it is (or was) matched.
    public let matchAt: Date

    /// A listing row as stored.
    public init(id: SessionID, state: SessionState, matchAt: Date) {
        self.id = id
        self.state = state
        self.matchAt = matchAt
    }

    /// The row of `session`.
    public init(_ session: Session) {
        self.init(id: session.id, state: session.state, matchAt: session.matchAt)
    }
}
