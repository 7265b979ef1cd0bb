import Coffee
import FoundationEssentials
import Store

/// A group's "Did you meet?" questions as the deliverer queues them when it sends the
/// group's introduction — one `MeetingFeedbackScheduled` outbox row per group, in the
/// transaction that records the introduction as sent, so a match stages none (issue 16:
/// 50,000 rows fewer in a 100,000-member match) — and their expansion when
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

    /// Queues the "Did you meet?" row of the group that `introduction` (a
    /// `MatchIntroRequested` entry, compact or not) introduced, if the tenant's portal is
    /// on (the questions' links open it): its members, the program's name, due the
    /// program's ``Program/feedbackDelay`` after the session was matched. Returns whether
    /// it queued one: once per group (its idempotency key is the session's group), however
    /// often the introduction is sent.
    @discardableResult
    static func schedule(after introduction: OutboxEntry, in db: any StorageTransaction) throws -> Bool {
        guard introduction.kind == EventKind.matchIntroRequested.rawValue, let group = introduction.payload.introduction else {
            return false
        }
        let tenant = introduction.tenantID
        let members = group.members.map(\.id).filter { !$0.isEmpty }.map { MemberID($0) }
        guard !members.isEmpty, try db.settings.settings(tenant: tenant).isMemberPortalEnabled,
              let session = try db.sessions.session(id: SessionID(group.session), tenant: tenant),
              let program = try db.programs.program(id: session.programID, tenant: tenant) else { return false }
        let matchedAt = session.match?.matchedAt ?? session.updatedAt
        let scheduled = MeetingFeedbackScheduled(
            header: EventHeader(tenantID: tenant, subject: session.id.rawValue, sequence: session.version,
                                occurredAt: matchedAt),
            sessionID: session.id, group: group.group, programName: program.name, members: members,
            dueAt: matchedAt.addingTimeInterval(program.feedbackDelay))
        return try db.outbox.append([.meetingFeedbackScheduled(scheduled)]) == 1
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
