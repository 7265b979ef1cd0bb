import Foundation

/// How the apply step turns an applicable ``ImportPlan``'s rows into members and events,
/// inside one transaction (CSV rows reach the same transitions as SCIM).
public enum ImportTransition {
    /// A `.create` row: a new Active member of source `csv`, welcome email as the admin
    /// chose for this import.
    public static func create(
        _ person: ImportedPerson, id: MemberID, tenantID: TenantID, settings: TenantSettings,
        sendsWelcomeEmail: Bool, at date: Date
    ) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.provision(person.draft(id: id), tenantID: tenantID, source: .csv,
                                             settings: settings, sendsWelcomeEmail: sendsWelcomeEmail, at: date)
    }

    /// An `.update` row: names (unless the identity provider owns them) and the file's
    /// non-empty category values replace the member's; statuses are never touched, so an
    /// inactive member stays inactive. ``DomainEvent/memberUpdated(_:)`` when anything
    /// changed.
    public static func update(_ member: Member, with person: ImportedPerson, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        var next = member
        var fields: [String] = []
        if member.source != .scim {
            if next.givenName != person.givenName { next.givenName = person.givenName; fields.append("givenName") }
            if next.familyName != person.familyName { next.familyName = person.familyName; fields.append("familyName") }
        }
        for key in person.categoryValues.keys { next.categoryValues[key] = person.categoryValues[key] }
        let categories = next.categoryValues.changedKeys(comparedTo: member.categoryValues)
        guard !fields.isEmpty || !categories.isEmpty else { return TransitionResult(member: member, events: []) }
        ProvisioningTransition.bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: fields.sorted(), changedCategories: categories)
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }

    /// The fields and category keys (as `category:<key>`) that ``update(_:with:at:)``
    /// would change.
    public static func changes(applying person: ImportedPerson, to member: Member) -> [String] {
        var changes: [String] = []
        if member.source != .scim {
            if member.givenName != person.givenName { changes.append("givenName") }
            if member.familyName != person.familyName { changes.append("familyName") }
        }
        for key in person.categoryValues.keys where member.categoryValues[key] != person.categoryValues[key] {
            changes.append("category:" + key.rawValue)
        }
        return changes
    }
}
