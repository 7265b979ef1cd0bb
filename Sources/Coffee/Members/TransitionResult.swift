/// A member after a transition, with the events to append to the outbox in the same
/// transaction. An empty ``events`` list means nothing changed (an idempotent retry):
/// the caller need not write anything.
public struct TransitionResult: Sendable, Equatable {
    /// The member after the transition.
    public var member: Member
    /// The events, in the order they happened.
    public var events: [DomainEvent]

    /// Creates a result.
    public init(member: Member, events: [DomainEvent]) {
        self.member = member
        self.events = events
    }

    /// Whether the transition changed anything.
    public var changed: Bool { !events.isEmpty }
}
