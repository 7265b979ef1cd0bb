import Foundation

/// The member lifecycle as pure functions: each SCIM operation (and the other doors)
/// maps to one transition exactly as domain.md's table says.
///
/// Every function takes the stored member and the time, returns the new member and its
/// events, and bumps ``Member/version`` only when something changed; repeating an
/// operation that changes nothing (an IdP retry) returns no events.
public enum ProvisioningTransition {
    /// `POST /Users` (and CSV, manual add, invitation link): creates the member.
    ///
    /// `active` true or absent → `idpActive`, `localStatus = active`,
    /// ``MemberProvisioned`` and, if `sendsWelcomeEmail` (default: the tenant's setting),
    /// ``WelcomeEmailRequested``. `active = false` → created, not eligible, only
    /// ``MemberProvisioned``. Throws ``MemberError/missingField(_:)`` for an empty
    /// `userName` (or one of only whitespace, line breaks or zero-width spaces).
    public static func provision(
        _ draft: MemberDraft, tenantID: TenantID, source: MemberSource = .scim,
        settings: TenantSettings, sendsWelcomeEmail: Bool? = nil, localStatus: LocalStatus = .active,
        at date: Date
    ) throws(MemberError) -> TransitionResult {
        guard !draft.userName.trimmingWhitespace().isEmpty else { throw .missingField("userName") }
        var member = Member(
            id: draft.id, tenantID: tenantID, externalID: draft.externalID, userName: draft.userName,
            givenName: draft.givenName, familyName: draft.familyName, displayName: draft.displayName,
            emails: draft.emails, locale: draft.locale, timeZoneIdentifier: draft.timeZoneIdentifier,
            categoryValues: draft.categoryValues, source: source, idpActive: draft.active ?? true,
            localStatus: localStatus, createdAt: date, version: 1)
        var events: [DomainEvent] = [
            .memberProvisioned(MemberProvisioned(
                header: EventHeader(member: member, at: date), source: source,
                idpActive: member.idpActive, localStatus: member.localStatus)),
        ]
        if let welcome = requestWelcomeEmail(for: &member, wanted: sendsWelcomeEmail ?? settings.sendsWelcomeEmail, at: date) {
            events.append(welcome)
        }
        return TransitionResult(member: member, events: events)
    }

    /// `PATCH active=false` (Okta deactivation, Entra unassignment): `idpActive = false`,
    /// ``DomainEvent/memberDeactivated(_:)``. Already inactive → unchanged, no event.
    public static func deactivateFromIdP(_ member: Member, at date: Date) throws(MemberError) -> TransitionResult {
        try requireLive(member)
        guard member.idpActive else { return TransitionResult(member: member, events: []) }
        var next = member
        next.idpActive = false
        bump(&next, at: date)
        return TransitionResult(member: next, events: [.memberDeactivated(MemberStatusChanged(header: EventHeader(member: next, at: date)))])
    }

    /// `PATCH active=true`: `idpActive = true`, `localStatus` untouched, history kept,
    /// ``DomainEvent/memberReactivated(_:)``. No second welcome email; a member created
    /// inactive who never had one gets its first, if the tenant wants it. Already active
    /// → unchanged, no event.
    public static func reactivateFromIdP(_ member: Member, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        try requireLive(member)
        guard !member.idpActive else { return TransitionResult(member: member, events: []) }
        var next = member
        next.idpActive = true
        bump(&next, at: date)
        var events: [DomainEvent] = [.memberReactivated(MemberStatusChanged(header: EventHeader(member: next, at: date)))]
        if let welcome = requestWelcomeEmail(for: &next, wanted: settings.sendsWelcomeEmail, at: date) {
            events.append(welcome)
        }
        return TransitionResult(member: next, events: events)
    }

    /// `PUT /Users/{id}` and `PATCH` of other attributes: SCIM-owned attributes replaced
    /// from `draft` (`draft.id` and `draft.active` are ignored here); member-portal data
    /// (local status, snooze, welcome, categories the mapping does not fill) kept;
    /// the mapped categories recomputed from `draft.categoryValues`.
    /// ``DomainEvent/memberUpdated(_:)`` when anything changed.
    public static func updateFromIdP(_ member: Member, with draft: MemberDraft, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        try requireLive(member)
        guard !draft.userName.trimmingWhitespace().isEmpty else { throw .missingField("userName") }
        var next = member
        var changed: [String] = []
        func assign<Value: Equatable>(_ keyPath: WritableKeyPath<Member, Value>, _ value: Value, _ name: String) {
            if next[keyPath: keyPath] != value {
                next[keyPath: keyPath] = value
                changed.append(name)
            }
        }
        assign(\.externalID, draft.externalID, "externalId")
        assign(\.userName, draft.userName, "userName")
        assign(\.givenName, draft.givenName, "givenName")
        assign(\.familyName, draft.familyName, "familyName")
        assign(\.displayName, draft.displayName, "displayName")
        // Emails compare case-insensitively; a change of spelling is still a change.
        if next.emails.map(\.rawValue) != draft.emails.map(\.rawValue) {
            next.emails = draft.emails
            changed.append("emails")
        }
        assign(\.locale, draft.locale, "locale")
        assign(\.timeZoneIdentifier, draft.timeZoneIdentifier, "timezone")
        var values = member.categoryValues
        for key in settings.categoryMapping.keys { values[key] = draft.categoryValues[key] }
        let changedCategories = values.changedKeys(comparedTo: member.categoryValues)
        next.categoryValues = values
        guard !changed.isEmpty || !changedCategories.isEmpty else { return TransitionResult(member: member, events: []) }
        bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: changed.sorted(), changedCategories: changedCategories)
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }

    /// A full IdP write (`PUT`, or a `PATCH` touching `active` and other attributes):
    /// ``updateFromIdP(_:with:settings:at:)``, then deactivation or reactivation when
    /// `draft.active` differs from `idpActive` (absent `active` means no change).
    public static func applyFromIdP(_ member: Member, with draft: MemberDraft, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        let updated = try updateFromIdP(member, with: draft, settings: settings, at: date)
        var result = updated
        switch draft.active {
        case false?: result = try deactivateFromIdP(updated.member, at: date)
        case true?: result = try reactivateFromIdP(updated.member, settings: settings, at: date)
        case nil: return updated
        }
        return TransitionResult(member: result.member, events: updated.events + result.events)
    }

    /// `DELETE /Users/{id}`: `lifecycle = deprovisioned` (SCIM answers 404 from then on),
    /// personal data kept until ``purge(_:settings:at:)``.
    /// ``DomainEvent/memberDeprovisioned(_:)``.
    public static func deprovision(_ member: Member, at date: Date) throws(MemberError) -> TransitionResult {
        try requireLive(member)
        var next = member
        next.lifecycle = .deprovisioned
        next.deprovisionedAt = date
        bump(&next, at: date)
        return TransitionResult(member: next, events: [.memberDeprovisioned(MemberStatusChanged(header: EventHeader(member: next, at: date)))])
    }

    /// Purge after retention: names replaced by ``Member/anonymousMarker``, `userName` by
    /// `purged-<id>`, emails, external id, locale, time zone and category values removed;
    /// ids, counts and history kept. Throws unless deprovisioned at least
    /// `settings.deprovisionedRetention` ago. ``DomainEvent/memberPurged(_:)``.
    public static func purge(_ member: Member, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        switch member.lifecycle {
        case .live: throw .notDeprovisioned(member.id)
        case .purged: throw .purged(member.id)
        case .deprovisioned: break
        }
        let since = member.deprovisionedAt ?? member.updatedAt
        let due = since.addingTimeInterval(settings.deprovisionedRetention)
        guard date >= due else { throw .retentionNotElapsed(member.id, until: due) }
        var next = member
        next.lifecycle = .purged
        next.externalID = nil
        next.userName = "purged-" + member.id.rawValue
        next.givenName = Member.anonymousMarker
        next.familyName = Member.anonymousMarker
        next.displayName = Member.anonymousMarker
        next.emails = []
        next.locale = nil
        next.timeZoneIdentifier = nil
        next.categoryValues = CategoryValues()
        next.snoozedUntil = nil
        bump(&next, at: date)
        return TransitionResult(member: next, events: [.memberPurged(MemberStatusChanged(header: EventHeader(member: next, at: date)))])
    }

    /// `POST /Users` for someone deprovisioned earlier, when the tenant opts into
    /// re-linking (``TenantSettings/relinksReprovisionedMembers``): the old member comes
    /// back live with its id and history, its SCIM attributes replaced from `draft` and
    /// its local status kept. ``MemberProvisioned``, and a welcome email only if it never
    /// had one. Without the opt-in the caller provisions a new member instead.
    public static func relink(_ member: Member, with draft: MemberDraft, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        guard settings.relinksReprovisionedMembers else { throw .relinkingDisabled }
        guard member.lifecycle == .deprovisioned else {
            if member.lifecycle == .purged { throw .purged(member.id) }
            throw .notDeprovisioned(member.id)
        }
        var revived = member
        revived.lifecycle = .live
        revived.deprovisionedAt = nil
        var next = try updateFromIdP(revived, with: draft, settings: settings, at: date).member
        next.idpActive = draft.active ?? true
        next.version = member.version + 1
        next.updatedAt = date
        var events: [DomainEvent] = [
            .memberProvisioned(MemberProvisioned(header: EventHeader(member: next, at: date), source: next.source,
                                                 idpActive: next.idpActive, localStatus: next.localStatus)),
        ]
        if let welcome = requestWelcomeEmail(for: &next, wanted: settings.sendsWelcomeEmail, at: date) { events.append(welcome) }
        return TransitionResult(member: next, events: events)
    }

    /// Whether `member` is due for purge at `date` under `settings`.
    public static func isDueForPurge(_ member: Member, settings: TenantSettings, at date: Date) -> Bool {
        guard member.lifecycle == .deprovisioned, let since = member.deprovisionedAt else { return false }
        return date >= since.addingTimeInterval(settings.deprovisionedRetention)
    }

    // MARK: - Helpers

    static func requireLive(_ member: Member) throws(MemberError) {
        switch member.lifecycle {
        case .live: return
        case .deprovisioned: throw .deprovisioned(member.id)
        case .purged: throw .purged(member.id)
        }
    }

    static func bump(_ member: inout Member, at date: Date) {
        member.version += 1
        member.updatedAt = date
    }

    /// Requests the welcome email if wanted, never requested before, the member is
    /// active on both sides and has an address. At most once per member.
    static func requestWelcomeEmail(for member: inout Member, wanted: Bool, at date: Date) -> DomainEvent? {
        guard wanted, member.welcomeEmailRequestedAt == nil, member.idpActive, member.localStatus == .active,
            member.lifecycle == .live, let email = member.primaryEmail
        else { return nil }
        member.welcomeEmailRequestedAt = date
        return .welcomeEmailRequested(WelcomeEmailRequested(
            header: EventHeader(member: member, at: date), email: email,
            givenName: member.givenName, locale: member.locale))
    }
}
