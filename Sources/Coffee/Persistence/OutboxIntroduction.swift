
/// The stored form of a ``MatchIntroRequested``: the group and its members, typed, in
/// `outbox.payload` under `introduction`. The email composer reads it as it is; nothing
/// is joined into text and split again.
public struct OutboxIntroduction: Codable, Sendable, Equatable {
    /// One member of the group.
    public struct Member: Codable, Sendable, Equatable {
        /// The member's id; empty only for an entry read from an old row that did not
        /// say whose address it was.
        public var id: String
        /// First name (untrusted display text: sanitised where it enters a header).
        public var givenName: String
        /// Last name (untrusted display text).
        public var familyName: String
        /// The address the introduction goes to; absent when the member has none.
        public var email: String?
        /// The member's values of the categories the rules read, labelled; absent in
        /// rows written before introductions named them.
        public var categories: [IntroducedCategory]?
        /// The member's time zone (or the tenant's), in which the proposed time is shown.
        public var timeZone: String?

        /// "Given Family", either left out when empty.
        public var fullName: String {
            [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ")
        }

        /// Creates a member entry.
        public init(id: String, givenName: String, familyName: String, email: String?,
                    categories: [IntroducedCategory]? = nil, timeZone: String? = nil) {
            self.id = id
            self.givenName = givenName
            self.familyName = familyName
            self.email = email
            self.categories = categories
            self.timeZone = timeZone
        }
    }

    /// The session the group belongs to.
    public var session: String
    /// The group's number in the session, from 0.
    public var group: Int
    /// The group's members, in the matching result's order.
    public var members: [Member]
    /// The proposed meeting time (or that none exists); absent in rows written before
    /// introductions carried an invitation, which are rendered as they always were.
    public var meeting: MeetingProposal?
    /// `true` when the members carry their ids only, to be filled in from the store when
    /// the introduction is read or sent (``MatchIntroRequested/isCompact``); absent otherwise.
    public var compact: Bool?

    /// Creates an introduction.
    public init(session: String, group: Int, members: [Member], meeting: MeetingProposal? = nil, compact: Bool? = nil) {
        self.session = session
        self.group = group
        self.members = members
        self.meeting = meeting
        self.compact = compact
    }

    /// Whether the members carry their ids only (see ``compact``).
    public var isCompact: Bool { compact == true }

    /// The stored form of `event`.
    public init(_ event: MatchIntroRequested) {
        self.init(session: event.sessionID, group: event.group, members: event.participants.map { participant in
            Member(id: participant.memberID.rawValue, givenName: participant.givenName,
                   familyName: participant.familyName, email: participant.email?.rawValue,
                   categories: participant.categories.isEmpty ? nil : participant.categories,
                   timeZone: participant.timeZoneIdentifier)
        }, meeting: event.meeting, compact: event.isCompact ? true : nil)
    }

    /// The `details` keys rows written before typed introductions carried: `session`,
    /// `group`, `members` (comma-separated ids), `emails` (comma-separated addresses of
    /// the members that had one) and `names` ("Given Family" joined by ", ").
    static let legacyDetailKeys: Set<String> = ["session", "group", "members", "emails", "names"]

    /// The introduction an old row's `details` described, or `nil` when they describe
    /// none. Names and addresses are paired with ids by position only when the counts
    /// agree (every member had an address); otherwise every address is kept, as a member
    /// entry without id or name, so no recipient is lost, and the names stay on the ids.
    init?(legacyDetails details: [String: String]) {
        guard let session = details["session"], let emails = details["emails"] else { return nil }
        func list(_ key: String, separator: String) -> [String] {
            (details[key] ?? "").split(separator: separator).map(String.init)
        }
        let ids = list("members", separator: ",")
        let names = list("names", separator: ", ")
        let addresses = emails.split(separator: ",").map(String.init)
        let named = names.count == ids.count
        var members = ids.enumerated().map { index, id in
            Member(id: id, givenName: named ? names[index] : "", familyName: "",
                   email: addresses.count == ids.count ? addresses[index] : nil)
        }
        if addresses.count != ids.count {
            members += addresses.map { Member(id: "", givenName: "", familyName: "", email: $0) }
        }
        if !named, !names.isEmpty {
            // Names that cannot be told apart stay together on an entry of their own.
            members.append(Member(id: "", givenName: names.joined(separator: ", "), familyName: "", email: nil))
        }
        self.init(session: session, group: details["group"].flatMap { Int($0) } ?? 0, members: members)
    }

    /// The introduction in the shape the admin API has always shown under `details`:
    /// `session`, `group`, and `members`, `emails`, `names` as comma-separated lists.
    var legacyDetails: [String: String] {
        [
            "session": session,
            "group": String(group),
            "members": members.map(\.id).filter { !$0.isEmpty }.joined(separator: ","),
            "emails": members.compactMap(\.email).joined(separator: ","),
            "names": members.map(\.fullName).filter { !$0.isEmpty }.joined(separator: ", "),
        ]
    }
}
