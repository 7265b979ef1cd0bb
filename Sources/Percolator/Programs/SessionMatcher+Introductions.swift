import Coffee
import FoundationEssentials

extension SessionMatcher {
    /// What introductions need beyond the result: the categories the rules read, with
    /// their labels, and the zone of members who have none (or an unknown one).
    struct IntroductionContext {
        var rules: RuleCategories
        var tenantTimeZone: String
        /// Whether members are asked "Did you meet?" (the tenant's portal is on: the
        /// question's links open it).
        var asksForFeedback = false
        var finder = MeetingSlotFinder()
    }

    /// One `MatchIntroRequested` per group. The meeting time is searched once per distinct
    /// set of time zones (a session of thousands of groups has a handful).
    static func introductionEvents(_ result: MatchingResult, session: Session, members: [String: Member],
                                   context: IntroductionContext) -> [DomainEvent] {
        let header = EventHeader(tenantID: session.tenantID, subject: session.id.rawValue, sequence: session.version,
                                 occurredAt: session.updatedAt)
        let matchedAt = session.match?.matchedAt ?? session.updatedAt
        var proposals: [[String]: MeetingProposal] = [:]
        // Each member's zone, known or the tenant's, checked once per identifier.
        var zones: [String?: String] = [:]
        func zone(_ identifier: String?) -> String {
            if let known = zones[identifier] { return known }
            let resolved = MeetingSlotFinder.zone(identifier, fallback: context.tenantTimeZone)
            zones[identifier] = resolved
            return resolved
        }
        return result.groups.enumerated().map { number, group in
            let participants = group.members.map { id in
                guard let member = members[id.rawValue] else {
                    return MatchIntroRequested.Participant(memberID: MemberID(id.rawValue), givenName: "", familyName: "", email: nil,
                                                           timeZoneIdentifier: zone(nil))
                }
                return MatchIntroRequested.Participant(member, categories: context.rules.values(of: member),
                                                       timeZoneIdentifier: zone(member.timeZoneIdentifier))
            }
            let zones = Array(Set(participants.compactMap(\.timeZoneIdentifier))).sorted()
            let meeting = proposals[zones] ?? context.finder.proposal(
                sessionMatchAt: session.matchAt, matchedAt: matchedAt, timeZones: zones, fallbackTimeZone: context.tenantTimeZone)
            proposals[zones] = meeting
            return DomainEvent.matchIntroRequested(MatchIntroRequested(header: header, group: number,
                                                                       participants: participants, meeting: meeting))
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

    /// How long a "Did you meet?" link works after its email is due.
    static let feedbackLinkLifetime: TimeInterval = 60 * 86_400

    /// A "Did you meet?" question for one member, and the link its email carries.
    struct FeedbackQuestion: Sendable {
        var event: DomainEvent
        /// The link's token (stored hashed).
        var token: String
        var link: PortalLink
        var expiresAt: Date
    }

    /// One `MeetingFeedbackRequested` per member of `placements` with an address (in
    /// their order), due the program's ``Program/feedbackDelay`` after the match, each
    /// with a fresh link token to store (``storeLinks(_:session:in:)``); none when the
    /// tenant's portal is off.
    static func feedbackQuestions(_ result: MatchingResult, placements: some Collection<GroupPlacement>, session: Session,
                                  program: Program, members: [String: Member],
                                  context: IntroductionContext) -> [FeedbackQuestion] {
        guard context.asksForFeedback else { return [] }
        let matchedAt = session.match?.matchedAt ?? session.updatedAt
        let dueAt = matchedAt.addingTimeInterval(program.feedbackDelay)
        var questions: [FeedbackQuestion] = []
        questions.reserveCapacity(placements.count)
        var generator = SystemRandomNumberGenerator()
        for placement in placements {
            guard let member = members[placement.member.rawValue], let email = member.primaryEmail else { continue }
            let number = placement.group
            let token = InvitationToken.generate(using: &generator).rawValue
            let link = PortalLink(purpose: .feedback, tenantID: session.tenantID, memberID: member.id,
                                  subject: PortalLink.groupSubject(session: session.id, number: number))
            let partners = result.groups[number].members.compactMap { members[$0.rawValue] }.filter { $0.id != member.id }.map { partner in
                [partner.givenName, partner.familyName].filter { !$0.isEmpty }.joined(separator: " ")
            }
            let event = DomainEvent.meetingFeedbackRequested(MeetingFeedbackRequested(
                header: EventHeader(tenantID: session.tenantID, subject: member.id.rawValue, sequence: session.version,
                                    occurredAt: session.updatedAt),
                sessionID: session.id, group: number, programName: program.name, email: email,
                givenName: member.givenName, locale: member.locale, partnerNames: partners, token: token, dueAt: dueAt))
            questions.append(FeedbackQuestion(event: event, token: token, link: link,
                                              expiresAt: dueAt.addingTimeInterval(feedbackLinkLifetime)))
        }
        return questions
    }

    /// Stores the links of `questions` (hashed), created at the match.
    static func storeLinks(_ questions: some Collection<FeedbackQuestion>, session: Session,
                           in db: any StorageTransaction) throws {
        let matchedAt = session.match?.matchedAt ?? session.updatedAt
        for question in questions {
            try db.portal.insertLink(token: question.token, question.link, at: matchedAt, expiresAt: question.expiresAt)
        }
    }
}
