import Foundation

/// Changes of the platform-owned ``LocalStatus``: by an admin, by the member (unsubscribe,
/// snooze) or by the mailer (bounce). SCIM never calls these, and they never touch
/// ``Member/idpActive``.
public enum LocalStatusTransition {
    /// Sets `status` (`active` or `inactive(reason)`; `pending` belongs to invitations and
    /// is refused). ``DomainEvent/memberUpdated(_:)`` naming `localStatus` when it changed.
    public static func set(_ member: Member, to status: LocalStatus, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        guard status != .pending else { throw .statusNotSettable(status) }
        guard member.localStatus != status else { return TransitionResult(member: member, events: []) }
        var next = member
        next.localStatus = status
        return updated(next, fields: ["localStatus"], at: date)
    }

    /// Snoozes the member until `until` (exclusive), or ends the snooze with `nil`.
    public static func snooze(_ member: Member, until: Date?, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        guard member.snoozedUntil != until else { return TransitionResult(member: member, events: []) }
        var next = member
        next.snoozedUntil = until
        return updated(next, fields: ["snoozedUntil"], at: date)
    }

    /// The member editing its own category values in the Member Portal: each key must be
    /// a category that is member-editable and not read-only; an empty list clears it. A
    /// drop-down (single or multiple select) takes only its known values: the portal offers
    /// those, and a value posted past the form would join audiences and rules (dodging a
    /// `differentValue` rule) and show on the admin's categories page.
    public static func editCategories(_ member: Member, values: [CategoryKey: [String]], catalog: CategoryCatalog, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        var next = member
        for key in values.keys.sorted() {
            guard let category = catalog[key] else { throw .unknownCategory(key) }
            guard !category.isReadOnly else { throw .readOnlyCategory(key) }
            guard category.isMemberEditable else { throw .notMemberEditable(key) }
            let cleaned = CategoryValues.clean(values[key] ?? [])
            try category.validate(cleaned)
            // A value the member has already is kept on a save, known or not.
            let current = member.categoryValues[key]
            if category.type != .text,
               let unknown = cleaned.first(where: { category.knownSpelling(of: $0) == nil && !current.contains($0) }) {
                throw .unknownCategoryValue(key, unknown)
            }
            next.categoryValues[key] = cleaned.map { category.knownSpelling(of: $0) ?? $0 }
        }
        let changed = next.categoryValues.changedKeys(comparedTo: member.categoryValues)
        guard !changed.isEmpty else { return TransitionResult(member: member, events: []) }
        ProvisioningTransition.bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: [], changedCategories: changed)
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }

    static func updated(_ member: Member, fields: [String], at date: Date) -> TransitionResult {
        var next = member
        ProvisioningTransition.bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: fields, changedCategories: [])
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }
}
