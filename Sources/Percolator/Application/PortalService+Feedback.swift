import Coffee
import FoundationEssentials

extension PortalService {
    /// What a feedback link's page shows: the group it asks about, and the answer given
    /// so far, if any.
    struct FeedbackQuestion: Sendable {
        var link: PortalLink
        var match: MemberMatch
        var answer: MeetingFeedback?
    }

    /// The group `session`/`number` of the member's matches, with its program and the
    /// other members; `nil` when the member was not in it.
    static func match(_ number: Int, of sessionID: SessionID, member: MemberID, tenant: TenantID,
                      in tx: any StorageTransaction) throws -> MemberMatch? {
        guard let group = try tx.sessions.groups(of: member, tenant: tenant, limit: 500)
                .first(where: { $0.sessionID == sessionID && $0.number == number }) else { return nil }
        let program = try tx.programs.program(id: group.programID, tenant: tenant)
        return MemberMatch(group: group, programName: program?.name ?? "",
                           partners: try group.members.filter { $0 != member }.compactMap { try tx.members.member(id: $0, tenant: tenant) })
    }

    /// Records the signed-in member's answer about group `number` of session `sessionID`;
    /// refused (`badForm`) when the member was not in that group.
    func answer(_ answer: MeetingFeedback.Answer, rating: Int?, group number: Int, of sessionID: SessionID,
                for session: PortalSession, at now: Date) async throws {
        try await persistence.write { tx in
            guard try Self.match(number, of: sessionID, member: session.memberID, tenant: session.tenantID, in: tx) != nil else {
                throw PortalRefusal.badForm
            }
            try tx.portal.saveFeedback(MeetingFeedback(tenantID: session.tenantID, sessionID: sessionID, group: number,
                                                       memberID: session.memberID, answer: answer, rating: rating, answeredAt: now))
        }
    }

    /// The question a feedback link's token asks, if the link works at `now`: known,
    /// unexpired, its member live, its organisation's portal on, and the member in the group.
    func feedbackQuestion(token: String, at now: Date) async throws -> FeedbackQuestion {
        try await persistence.read { tx in
            guard let link = try Self.memberLink(token: token, purpose: .feedback, at: now, in: tx),
                  let (sessionID, number) = link.group,
                  let match = try Self.match(number, of: sessionID, member: link.memberID, tenant: link.tenantID, in: tx) else {
                throw PortalRefusal.expiredLink
            }
            let answer = try tx.portal.feedback(of: link.memberID, tenant: link.tenantID)
                .first { $0.sessionID == sessionID && $0.group == number }
            return FeedbackQuestion(link: link, match: match, answer: answer)
        }
    }

    /// Records the answer of a feedback link (the member need not be signed in: the
    /// token stands for it and this one group only). Returns the question answered.
    func answer(_ answer: MeetingFeedback.Answer, rating: Int?, token: String, at now: Date) async throws -> FeedbackQuestion {
        try await persistence.write { tx in
            guard let link = try Self.memberLink(token: token, purpose: .feedback, at: now, in: tx),
                  let (sessionID, number) = link.group,
                  let match = try Self.match(number, of: sessionID, member: link.memberID, tenant: link.tenantID, in: tx) else {
                throw PortalRefusal.expiredLink
            }
            let feedback = MeetingFeedback(tenantID: link.tenantID, sessionID: sessionID, group: number, memberID: link.memberID,
                                           answer: answer, rating: rating, answeredAt: now)
            try tx.portal.saveFeedback(feedback)
            return FeedbackQuestion(link: link, match: match, answer: feedback)
        }
    }

    /// The link of `purpose` behind `token` at `now`, if its member is live and its
    /// organisation's portal on (`portalOff` otherwise). An unsubscribe link works with the
    /// portal off too: a member can always stop the emails it was sent.
    func memberLink(token: String, purpose: PortalLink.Purpose, at now: Date) async throws -> PortalLink {
        try await persistence.read { tx in
            guard let link = try Self.memberLink(token: token, purpose: purpose, at: now, in: tx) else { throw PortalRefusal.expiredLink }
            return link
        }
    }

    static func memberLink(token: String, purpose: PortalLink.Purpose, at now: Date,
                           in tx: any StorageTransaction) throws -> PortalLink? {
        guard let link = try tx.portal.link(token: token, purpose: purpose, at: now),
              let member = try tx.members.member(id: link.memberID, tenant: link.tenantID), member.lifecycle == .live else { return nil }
        // An unsubscribe link works with the portal off: a member can always stop the emails.
        if purpose != .unsubscribe, try !tx.settings.settings(tenant: link.tenantID).isMemberPortalEnabled {
            throw PortalRefusal.portalOff(link.tenantID)
        }
        return link
    }

    /// How long an unsubscribe link works. Default: a year.
    static let unsubscribeLinkLifetime: TimeInterval = 365 * 86_400

    /// A new unsubscribe link for member `member` (its token, stored hashed), or `nil`
    /// when its organisation's portal is off (emails then carry no portal link).
    static func issueUnsubscribeLink(member: MemberID, tenant: TenantID, at now: Date,
                                     in tx: any StorageTransaction) throws -> String? {
        guard try tx.settings.settings(tenant: tenant).isMemberPortalEnabled,
              try tx.members.member(id: member, tenant: tenant)?.lifecycle == .live else { return nil }
        var generator = SystemRandomNumberGenerator()
        let token = InvitationToken.generate(using: &generator).rawValue
        try tx.portal.insertLink(token: token, PortalLink(purpose: .unsubscribe, tenantID: tenant, memberID: member), at: now,
                                 expiresAt: now.addingTimeInterval(unsubscribeLinkLifetime))
        return token
    }
}
