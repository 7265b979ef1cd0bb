import Foundation

/// The changes of a session, as pure functions: each returns the new value (version
/// + 1, `updatedAt` = the given date) or throws
/// ``SessionError/illegalTransition(from:action:)``.
///
/// | from \ action | open | match | close | cancel | optIn / optOut |
/// | --- | --- | --- | --- | --- | --- |
/// | scheduled | open | — | — | cancelled | yes |
/// | open | — | matched | — | cancelled | yes |
/// | matched | — | — | closed | — | — |
/// | closed, cancelled | — | — | — | — | — |
public enum SessionTransition {
    /// `scheduled → open`. The time is not checked: the planner opens at `opensAt`, an
    /// admin may open early.
    public static func open(_ session: Session, at date: Date) throws(SessionError) -> Session {
        guard session.state == .scheduled else { throw .illegalTransition(from: session.state, action: .open) }
        var next = session
        next.state = .open
        return bumped(next, at: date)
    }

    /// `open → matched`, recording the run's seed, configuration and engine version
    /// (from `result`), `date` and the counts (`audienceSize` from the selection).
    public static func match(_ session: Session, result: MatchingResult, audienceSize: Int,
                             at date: Date) throws(SessionError) -> Session {
        guard session.state == .open else { throw .illegalTransition(from: session.state, action: .match) }
        var next = session
        next.state = .matched
        next.match = MatchSnapshot(seed: result.seed, configuration: result.configuration,
                                   engineVersion: result.engineVersion, matchedAt: date,
                                   summary: SessionSummary(result: result, audienceSize: audienceSize))
        return bumped(next, at: date)
    }

    /// `matched → closed`.
    public static func close(_ session: Session, at date: Date) throws(SessionError) -> Session {
        guard session.state == .matched else { throw .illegalTransition(from: session.state, action: .close) }
        var next = session
        next.state = .closed
        return bumped(next, at: date)
    }

    /// `scheduled` or `open` → `cancelled`.
    public static func cancel(_ session: Session, reason: CancellationReason, at date: Date) throws(SessionError) -> Session {
        guard session.state.isPending else { throw .illegalTransition(from: session.state, action: .cancel) }
        var next = session
        next.state = .cancelled
        next.cancellationReason = reason
        return bumped(next, at: date)
    }

    /// `member` opts in (and is no longer opted out). Only while `scheduled` or `open`;
    /// unchanged (same version) when it already was.
    public static func optIn(_ session: Session, member: MemberID, at date: Date) throws(SessionError) -> Session {
        guard session.state.isPending else { throw .illegalTransition(from: session.state, action: .optIn) }
        guard !session.optedIn.contains(member) else { return session }
        var next = session
        next.optedIn.insert(member)
        next.optedOut.remove(member)
        return bumped(next, at: date)
    }

    /// `member` opts out (and is no longer opted in). Only while `scheduled` or `open`;
    /// unchanged (same version) when it already was.
    public static func optOut(_ session: Session, member: MemberID, at date: Date) throws(SessionError) -> Session {
        guard session.state.isPending else { throw .illegalTransition(from: session.state, action: .optOut) }
        guard !session.optedOut.contains(member) else { return session }
        var next = session
        next.optedOut.insert(member)
        next.optedIn.remove(member)
        return bumped(next, at: date)
    }

    private static func bumped(_ session: Session, at date: Date) -> Session {
        var next = session
        next.updatedAt = date
        next.version += 1
        return next
    }
}
