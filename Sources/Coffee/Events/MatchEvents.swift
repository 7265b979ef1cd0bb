/// Payload of ``DomainEvent/matchIntroRequested(_:)``: one matched group of a session is
/// to be introduced by email, to all its members at once.
///
/// The event carries what the email needs and nothing else: each participant's id,
/// names and primary address (a participant without an address is still named, so the
/// others know whom to expect, but receives nothing).
public struct MatchIntroRequested: Sendable, Equatable {
    /// One member of the matched group, as the introduction names them.
    public struct Participant: Sendable, Equatable {
        /// The member.
        public var memberID: MemberID
        /// First name, as the member store holds it (untrusted display text).
        public var givenName: String
        /// Last name, as the member store holds it (untrusted display text).
        public var familyName: String
        /// Where the introduction goes; `nil` when the member has no address.
        public var email: EmailAddress?

        /// Creates a participant.
        public init(memberID: MemberID, givenName: String, familyName: String, email: EmailAddress?) {
            self.memberID = memberID
            self.givenName = givenName
            self.familyName = familyName
            self.email = email
        }

        /// The participant of `member`: its names and primary address.
        public init(_ member: Member) {
            self.init(memberID: member.id, givenName: member.givenName, familyName: member.familyName,
                      email: member.primaryEmail)
        }
    }

    /// Tenant, session (the subject), the session's version, time.
    public var header: EventHeader
    /// The group's number in the session's result, from 0: with the session it makes
    /// the event's identity (``DomainEvent/idempotencyKey``).
    public var group: Int
    /// The group's members, in the result's order.
    public var participants: [Participant]

    /// Creates the payload.
    public init(header: EventHeader, group: Int, participants: [Participant]) {
        self.header = header
        self.group = group
        self.participants = participants
    }

    /// The session the group belongs to.
    public var sessionID: String { header.subject }
}
