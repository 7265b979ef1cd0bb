import Coffee
import FoundationEssentials

extension SessionMatcher {
    /// What introductions need beyond the result: the categories the rules read, with
    /// their labels, and the zone of members who have none (or an unknown one).
    struct IntroductionContext {
        var rules: RuleCategories
        var tenantTimeZone: String
        var finder = MeetingSlotFinder()
    }

    /// One `MatchIntroRequested` per group, with its members' names, addresses, values
    /// and zones and the meeting time (``IntroductionBuilder``).
    static func introductionEvents(_ result: MatchingResult, session: Session, members: [String: Member],
                                   context: IntroductionContext) -> [DomainEvent] {
        var builder = IntroductionBuilder(session: session, context: context)
        return result.groups.enumerated().map { number, group in
            .matchIntroRequested(builder.introduction(group: number, members: group.members.map { MemberID($0.rawValue) },
                                                      from: members))
        }
    }

    /// One compact `MatchIntroRequested` per group of `groups`, its members' ids only
    /// (issue 16): what a match stages; ``IntroductionHydration`` fills in the rest when it
    /// is read or sent.
    static func compactIntroductions(_ result: MatchingResult, session: Session, groups: Range<Int>) -> [DomainEvent] {
        let header = IntroductionBuilder.header(of: session)
        return groups.map { number in
            .matchIntroRequested(.compact(header: header, group: number,
                                          members: result.groups[number].members.map { MemberID($0.rawValue) }))
        }
    }

    /// The compact introductions of `result`'s groups, encoded (``Persistence/encode(_:)-(DomainEvent)``)
    /// and handed to `sink` `chunk` groups at a time, in group order, so that the staging
    /// of the first ones starts while the rest are encoded (issue 16). Finishes `sink`
    /// when done or cancelled.
    static func introductionRows(_ result: MatchingResult, session: Session, persistence: any Persistence, chunk: Int,
                                 into sink: AsyncThrowingStream<[EncodedEvents.Row], any Error>.Continuation) {
        defer { sink.finish() }
        for start in stride(from: 0, to: result.groups.count, by: chunk) where !Task.isCancelled {
            let groups = start..<min(start + chunk, result.groups.count)
            sink.yield(persistence.encode(compactIntroductions(result, session: session, groups: groups)).rows)
        }
    }

    /// Builds the introductions of one session's groups, one at a time: each member's zone
    /// (known, or the tenant's) checked once per identifier, the meeting time searched
    /// once per distinct set of zones (a session of thousands of groups has a handful).
    struct IntroductionBuilder {
        let session: Session
        let context: IntroductionContext
        private var proposals: [[String]: MeetingProposal] = [:]
        private var zones: [String?: String] = [:]

        init(session: Session, context: IntroductionContext) {
            self.session = session
            self.context = context
        }

        /// The header of the session's introductions (the session is the subject).
        static func header(of session: Session) -> EventHeader {
            EventHeader(tenantID: session.tenantID, subject: session.id.rawValue, sequence: session.version,
                        occurredAt: session.updatedAt)
        }

        /// The introduction of group `number` of `ids`, named from `members` (a member
        /// missing there is introduced by id alone).
        mutating func introduction(group number: Int, members ids: [MemberID], from members: [String: Member]) -> MatchIntroRequested {
            let participants = ids.map { id in
                guard let member = members[id.rawValue] else {
                    return MatchIntroRequested.Participant(memberID: id, givenName: "", familyName: "", email: nil,
                                                           timeZoneIdentifier: zone(nil))
                }
                return MatchIntroRequested.Participant(member, categories: context.rules.values(of: member),
                                                       timeZoneIdentifier: zone(member.timeZoneIdentifier))
            }
            let groupZones = Array(Set(participants.compactMap(\.timeZoneIdentifier))).sorted()
            let meeting = proposals[groupZones] ?? context.finder.proposal(
                sessionMatchAt: session.matchAt, matchedAt: session.match?.matchedAt ?? session.updatedAt,
                timeZones: groupZones, fallbackTimeZone: context.tenantTimeZone)
            proposals[groupZones] = meeting
            return MatchIntroRequested(header: Self.header(of: session), group: number, participants: participants, meeting: meeting)
        }

        private mutating func zone(_ identifier: String?) -> String {
            if let known = zones[identifier] { return known }
            let resolved = MeetingSlotFinder.zone(identifier, fallback: context.tenantTimeZone)
            zones[identifier] = resolved
            return resolved
        }
    }

    /// One `MemberLeftUnmatched` per member left without a group who has priority next
    /// session (``MatchingResult/priorityNextSession``: not a duplicate, not excluded by a
    /// `sameValue` fallback) and an address.
    static func unmatchedNotices(_ result: MatchingResult, session: Session, members: [String: Member]) -> [DomainEvent] {
        result.priorityNextSession.compactMap { id in
            guard let member = members[id.rawValue], let email = member.primaryEmail else { return nil }
            return DomainEvent.memberLeftUnmatched(MemberLeftUnmatched(
                header: EventHeader(tenantID: session.tenantID, subject: member.id.rawValue, sequence: session.version,
                                    occurredAt: session.updatedAt),
                sessionID: session.id.rawValue, email: email, givenName: member.givenName, locale: member.locale))
        }
    }
}
