import Coffee
import FoundationEssentials
import Store

/// A group's "Did you meet?" questions as the match stages them — one
/// `MeetingFeedbackScheduled` outbox row per group (issue 16) — and their expansion when
/// the row falls due: the deliverer, holding the row's lease, queues in one transaction
/// one `MeetingFeedbackRequested` per member who is still live and has an address (names
/// and addresses as they are then, a fresh link token each, stored hashed) and marks the
/// row delivered. The questions then go like any email to one member (unsubscribe
/// checked, a one-click unsubscribe link of their own).
///
/// Exactly once: only the lease holder expands a row, and a question whose idempotency
/// key (member, session, group) the outbox already holds is neither queued again nor
/// given a second link, so even a row expanded twice (a lease lost mid-way) asks each
/// member once.
enum ScheduledFeedback {
    /// How long a "Did you meet?" link works after its email is due.
    static let linkLifetime: TimeInterval = 60 * 86_400

    /// The scheduled questions `entry` holds, or `nil` when it holds none.
    static func scheduled(in entry: OutboxEntry) -> MeetingFeedbackScheduled? {
        guard entry.kind == EventKind.meetingFeedbackScheduled.rawValue, let details = entry.payload.details,
              let session = details[OutboxPayload.sessionKey], let group = details[OutboxPayload.groupKey].flatMap({ Int($0) })
        else { return nil }
        let members = (details[OutboxPayload.membersKey] ?? "").split(separator: "\n").map { MemberID(String($0)) }
        return MeetingFeedbackScheduled(
            header: EventHeader(tenantID: entry.tenantID, subject: entry.subject, sequence: entry.payload.sequence,
                                occurredAt: entry.occurredAt),
            sessionID: SessionID(session), group: group, programName: details[OutboxPayload.programKey] ?? "",
            members: members, dueAt: entry.nextAttemptAt)
    }

    /// Queues the questions of `scheduled`, due when it was, with their links created at
    /// `now`; returns how many it queued (none already queued).
    @discardableResult
    static func expand(_ scheduled: MeetingFeedbackScheduled, at now: Date, in db: any StorageTransaction) throws -> Int {
        let tenant = scheduled.header.tenantID
        var members: [Member] = []
        for id in scheduled.members {
            if let member = try db.members.member(id: id, tenant: tenant), member.lifecycle == .live { members.append(member) }
        }
        var generator = SystemRandomNumberGenerator()
        var queued = 0
        for member in members {
            guard let email = member.primaryEmail else { continue }
            let token = InvitationToken.generate(using: &generator).rawValue
            let partners = members.filter { $0.id != member.id }.map { partner in
                [partner.givenName, partner.familyName].filter { !$0.isEmpty }.joined(separator: " ")
            }
            let question = DomainEvent.meetingFeedbackRequested(MeetingFeedbackRequested(
                header: EventHeader(tenantID: tenant, subject: member.id.rawValue, sequence: scheduled.header.sequence,
                                    occurredAt: scheduled.header.occurredAt),
                sessionID: scheduled.sessionID, group: scheduled.group, programName: scheduled.programName, email: email,
                givenName: member.givenName, locale: member.locale, partnerNames: partners, token: token,
                dueAt: scheduled.dueAt))
            guard try db.outbox.append([question]) == 1 else { continue }
            let link = PortalLink(purpose: .feedback, tenantID: tenant, memberID: member.id,
                                  subject: PortalLink.groupSubject(session: scheduled.sessionID, number: scheduled.group))
            try db.portal.insertLink(token: token, link, at: now, expiresAt: scheduled.dueAt.addingTimeInterval(linkLifetime))
            queued += 1
        }
        return queued
    }
}
