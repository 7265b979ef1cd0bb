/// One thing ``SchedulePlanner`` found due. The application applies each in its own
/// transaction, in the order given, re-reading the session and re-checking the
/// transition (``SessionTransition`` throws if another server applied it first).
public enum ScheduledAction: Hashable, Sendable {
    /// Insert this new `scheduled` session (its natural id makes a second insert fail).
    case create(Session)
    /// Open the session (``SessionTransition/open(_:at:)``).
    case open(SessionID)
    /// Select the participants, run the engine and record the result
    /// (``ParticipantSelection``, ``MatchingEngine``, ``SessionTransition/match(_:result:audienceSize:at:)``).
    case match(SessionID)
    /// Cancel the session (``SessionTransition/cancel(_:reason:at:)``).
    case cancel(SessionID, reason: CancellationReason)
}
