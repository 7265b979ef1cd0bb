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
        /// The member's values of the categories the program's rules read, labelled.
        public var categories: [IntroducedCategory]
        /// The member's time zone (the tenant's when the member has none), in which the
        /// introduction shows the proposed time.
        public var timeZoneIdentifier: String?

        /// Creates a participant.
        public init(memberID: MemberID, givenName: String, familyName: String, email: EmailAddress?,
                    categories: [IntroducedCategory] = [], timeZoneIdentifier: String? = nil) {
            self.memberID = memberID
            self.givenName = givenName
            self.familyName = familyName
            self.email = email
            self.categories = categories
            self.timeZoneIdentifier = timeZoneIdentifier
        }

        /// The participant of `member`: its names and primary address, with `categories`
        /// and in `timeZoneIdentifier` when given.
        public init(_ member: Member, categories: [IntroducedCategory] = [], timeZoneIdentifier: String? = nil) {
            self.init(memberID: member.id, givenName: member.givenName, familyName: member.familyName,
                      email: member.primaryEmail, categories: categories, timeZoneIdentifier: timeZoneIdentifier)
        }
    }

    /// Tenant, session (the subject), the session's version, time.
    public var header: EventHeader
    /// The group's number in the session's result, from 0: with the session it makes
    /// the event's identity (``DomainEvent/idempotencyKey``).
    public var group: Int
    /// The group's members, in the result's order.
    public var participants: [Participant]
    /// The meeting time proposed to the group (with an iCalendar invitation), or the
    /// news that none falls in everyone's working hours; `nil` when none was searched.
    public var meeting: MeetingProposal?
    /// Whether the participants carry their ids only (issue 16: a session of 100,000
    /// members stages 50,000 small rows): the names, addresses, category values, zones
    /// and the meeting time are filled in from the store when the introduction is read or
    /// sent, as the session and its members are then.
    public var isCompact: Bool

    /// Creates the payload.
    public init(header: EventHeader, group: Int, participants: [Participant], meeting: MeetingProposal? = nil,
                isCompact: Bool = false) {
        self.header = header
        self.group = group
        self.participants = participants
        self.meeting = meeting
        self.isCompact = isCompact
    }

    /// The compact introduction of group `group` of `members` (ids only; see ``isCompact``).
    public static func compact(header: EventHeader, group: Int, members: [MemberID]) -> MatchIntroRequested {
        MatchIntroRequested(header: header, group: group, participants: members.map {
            Participant(memberID: $0, givenName: "", familyName: "", email: nil)
        }, isCompact: true)
    }

    /// The session the group belongs to.
    public var sessionID: String { header.subject }
}

/// Payload of ``DomainEvent/memberLeftUnmatched(_:)``: a member took part in a session
/// but was left without a group, for a reason that gives them priority next session
/// (``MatchingResult/priorityNextSession``); they are told so by email.
public struct MemberLeftUnmatched: Sendable, Equatable {
    /// Tenant, member (the subject, so purging the member scrubs the address), the
    /// session's version, time.
    public var header: EventHeader
    /// The session the member was left out of: with the member it makes the event's
    /// identity (``DomainEvent/idempotencyKey``).
    public var sessionID: String
    /// The recipient.
    public var email: EmailAddress
    /// The name to greet.
    public var givenName: String
    /// The language to write in, if known.
    public var locale: String?

    /// Creates the payload.
    public init(header: EventHeader, sessionID: String, email: EmailAddress, givenName: String, locale: String?) {
        self.header = header
        self.sessionID = sessionID
        self.email = email
        self.givenName = givenName
        self.locale = locale
    }
}
