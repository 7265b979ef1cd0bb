import FoundationEssentials

/// A member editing its own profile in the Member Portal: names, language and time zone.
/// What the identity provider sends is its own: for a member it provisions (source
/// `scim`) those fields stay as provisioned, and only the categories it may edit change
/// (``LocalStatusTransition/editCategories(_:values:catalog:at:)``).
public enum ProfileTransition {
    /// `member` with the given names (trimmed; an empty one is refused), `locale` and
    /// `timeZone` (`nil`: not set), unless the identity provider owns them.
    public static func edit(_ member: Member, givenName: String, familyName: String, locale: String?, timeZone: String?,
                            at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        guard member.source != .scim else { return TransitionResult(member: member, events: []) }
        // One line (``MemberName``), then required.
        let given = MemberName.cleaned(givenName.trimmingCharacters(in: .whitespacesAndNewlines))
        let family = MemberName.cleaned(familyName.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !given.isEmpty else { throw .missingField("givenName") }
        guard !family.isEmpty else { throw .missingField("familyName") }
        var next = member
        next.givenName = given
        next.familyName = family
        next.locale = locale
        next.timeZoneIdentifier = timeZone
        var changed: [String] = []
        if next.givenName != member.givenName { changed.append("givenName") }
        if next.familyName != member.familyName { changed.append("familyName") }
        if next.locale != member.locale { changed.append("locale") }
        if next.timeZoneIdentifier != member.timeZoneIdentifier { changed.append("timeZone") }
        guard !changed.isEmpty else { return TransitionResult(member: member, events: []) }
        ProvisioningTransition.bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: changed, changedCategories: [])
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }
}
