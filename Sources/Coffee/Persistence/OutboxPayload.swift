import FoundationEssentials

/// What an outbox row says beyond its header: the fields of the ``DomainEvent`` that a
/// deliverer or an admin needs, stored as JSON in `outbox.payload`. Fields an event
/// kind does not have are absent.
public struct OutboxPayload: Codable, Sendable, Equatable {
    /// The subject's version after the change.
    public var sequence: Int
    /// Where an email goes (welcome, invitation, left unmatched).
    public var email: String?
    /// The recipient's first name, for the greeting.
    public var givenName: String?
    /// The recipient's locale, for the language of the email.
    public var locale: String?
    /// The door a provisioned member came in by.
    public var source: String?
    /// SCIM `active` after the change.
    public var idpActive: Bool?
    /// Fields and categories an update changed.
    public var changedFields: [String]?
    /// Category keys an update changed.
    public var changedCategories: [String]?
    /// Members a group gained.
    public var added: [String]?
    /// Members a group lost.
    public var removed: [String]?
    /// When an invitation expires.
    public var expiresAt: Date?
    /// A matched group to introduce (`MatchIntroRequested`).
    public var introduction: OutboxIntroduction?
    /// Free-form details: an invitation's token until its email is sent (see
    /// ``invitationToken``); the session a member was left out of (``sessionKey``). Rows written before typed introductions also held a match's
    /// group here; decoding turns those into ``introduction``.
    public var details: [String: String]?

    /// An empty payload at `sequence`.
    public init(sequence: Int) {
        self.sequence = sequence
    }

    /// The key of ``details`` that carries an invitation's acceptance token until the
    /// email is sent; ``OutboxRecords/markDelivered(seq:at:in:)`` erases it, and the admin
    /// API never shows it.
    public static let secretTokenKey = "token"

    /// The key of ``details`` that names the session a member was left out of
    /// (`MemberLeftUnmatched`).
    public static let sessionKey = "session"
    /// The key of a sign-in link's lifetime in minutes in ``details``.
    public static let validMinutesKey = "validMinutes"
    /// The key of the organisation a console sign-in link is for, in ``details``.
    public static let organisationKey = "organisation"

    /// The keys of a feedback question's group number, program name and partners' names
    /// (one per line) in ``details``; its session is under ``sessionKey``.
    public static let groupKey = "group"
    public static let programKey = "program"
    public static let partnersKey = "partners"
    /// The key of a group's member ids (one per line) in the ``details`` of its scheduled
    /// feedback questions (`MeetingFeedbackScheduled`).
    public static let membersKey = "members"

    /// The token of an invitation email, until the email is sent.
    public var invitationToken: String? { details?[Self.secretTokenKey] }

    /// What the admin API shows as the event's `details`: the free-form details without
    /// the secret token, and an introduction in the shape it has always had there
    /// (`session`, `group`, comma-separated `members`, `emails`, `names`).
    public var publicDetails: [String: String]? {
        var shown = details?.filter { $0.key != Self.secretTokenKey } ?? [:]
        if let introduction { shown.merge(introduction.legacyDetails) { _, typed in typed } }
        return details == nil && introduction == nil ? nil : shown
    }

    /// The payload of `event`.
    public init(_ event: DomainEvent) {
        self.init(sequence: event.header.sequence)
        switch event {
        case .memberProvisioned(let provisioned):
            source = provisioned.source.rawValue
            idpActive = provisioned.idpActive
        case .welcomeEmailRequested(let welcome):
            email = welcome.email.rawValue
            givenName = welcome.givenName
            locale = welcome.locale
        case .memberUpdated(let updated):
            changedFields = updated.changedFields
            changedCategories = updated.changedCategories.map(\.rawValue)
        case .invitationEmailRequested(let invitation):
            email = invitation.email.rawValue
            givenName = invitation.givenName.isEmpty ? nil : invitation.givenName
            expiresAt = invitation.expiresAt
            details = [Self.secretTokenKey: invitation.token.rawValue]
        case .groupMembershipChanged(let change):
            added = change.added.map(\.rawValue)
            removed = change.removed.map(\.rawValue)
        case .matchIntroRequested(let request):
            introduction = OutboxIntroduction(request)
        case .memberLeftUnmatched(let unmatched):
            email = unmatched.email.rawValue
            givenName = unmatched.givenName.isEmpty ? nil : unmatched.givenName
            locale = unmatched.locale
            details = [Self.sessionKey: unmatched.sessionID]
        case .signInLinkRequested(let request), .consoleSignInLinkRequested(let request):
            email = request.email.rawValue
            givenName = request.givenName.isEmpty ? nil : request.givenName
            locale = request.locale
            details = [Self.secretTokenKey: request.token, Self.validMinutesKey: String(request.validMinutes)]
            if let organisation = request.organisation { details?[Self.organisationKey] = organisation }
        case .meetingFeedbackRequested(let request):
            email = request.email.rawValue
            givenName = request.givenName.isEmpty ? nil : request.givenName
            locale = request.locale
            details = [Self.secretTokenKey: request.token, Self.sessionKey: request.sessionID.rawValue,
                       Self.groupKey: String(request.group), Self.programKey: request.programName,
                       Self.partnersKey: request.partnerNames.joined(separator: "\n")]
        case .meetingFeedbackScheduled(let scheduled):
            details = [Self.sessionKey: scheduled.sessionID.rawValue, Self.groupKey: String(scheduled.group),
                       Self.programKey: scheduled.programName,
                       Self.membersKey: scheduled.members.map(\.rawValue).joined(separator: "\n")]
        case .signUpConfirmationRequested(let request):
            email = request.email.rawValue
            givenName = request.givenName.isEmpty ? nil : request.givenName
            details = [Self.secretTokenKey: request.token, Self.validMinutesKey: String(request.validMinutes)]
        case .memberDeactivated, .memberReactivated, .memberDeprovisioned, .memberPurged, .invitationAccepted,
             .programAudienceBroken:
            break
        }
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, email, givenName, locale, source, idpActive, changedFields, changedCategories, added, removed,
             expiresAt, introduction, details
    }

    /// Decodes a stored payload. A row written before typed introductions carries its
    /// match group in `details` (`emails`, `names`…): it decodes into ``introduction``,
    /// so old rows are delivered like new ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        givenName = try container.decodeIfPresent(String.self, forKey: .givenName)
        locale = try container.decodeIfPresent(String.self, forKey: .locale)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        idpActive = try container.decodeIfPresent(Bool.self, forKey: .idpActive)
        changedFields = try container.decodeIfPresent([String].self, forKey: .changedFields)
        changedCategories = try container.decodeIfPresent([String].self, forKey: .changedCategories)
        added = try container.decodeIfPresent([String].self, forKey: .added)
        removed = try container.decodeIfPresent([String].self, forKey: .removed)
        expiresAt = try container.decodeIfPresent(Date.self, forKey: .expiresAt)
        introduction = try container.decodeIfPresent(OutboxIntroduction.self, forKey: .introduction)
        details = try container.decodeIfPresent([String: String].self, forKey: .details)
        if introduction == nil, let legacy = details.flatMap(OutboxIntroduction.init(legacyDetails:)) {
            introduction = legacy
            let rest = details?.filter { !OutboxIntroduction.legacyDetailKeys.contains($0.key) } ?? [:]
            details = rest.isEmpty ? nil : rest
        }
    }
}
