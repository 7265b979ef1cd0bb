/// One person as an outside system lists them, before matching: what a Slack user, a
/// Teams member or an HR employee record says, in the source's own terms.
///
/// Values are kept as the source gave them (the email is checked by the planner, so one
/// bad address skips one person instead of failing the listing).
public struct SourcePerson: Sendable, Equatable {
    /// The person's stable id in the source (Slack user id, Graph object id, employee id).
    public var sourceID: String
    /// First name; may be empty when the source has only a display name.
    public var givenName: String
    /// Last name; may be empty.
    public var familyName: String
    /// The name the source shows, if any.
    public var displayName: String?
    /// The primary email address as the source gives it, if any.
    public var primaryEmail: String?
    /// BCP 47 language tag, when the source has one.
    public var locale: String?
    /// IANA time zone identifier, when the source has one.
    public var timeZoneIdentifier: String?
    /// A guest of the workspace or team (Slack `is_restricted`/`is_ultra_restricted`,
    /// Graph `userType` Guest).
    public var isGuest: Bool
    /// Whether the source counts the person as current (not deleted, not terminated).
    public var isActive: Bool
    /// The source's other fields by name (HR fields, Slack title and custom profile
    /// fields), from which the admin selects the ones that become categories.
    public var fields: [String: String]

    /// Creates a person.
    public init(
        sourceID: String, givenName: String, familyName: String, displayName: String? = nil,
        primaryEmail: String?, locale: String? = nil, timeZoneIdentifier: String? = nil,
        isGuest: Bool = false, isActive: Bool = true, fields: [String: String] = [:]
    ) {
        self.sourceID = sourceID
        self.givenName = givenName
        self.familyName = familyName
        self.displayName = displayName
        self.primaryEmail = primaryEmail
        self.locale = locale
        self.timeZoneIdentifier = timeZoneIdentifier
        self.isGuest = isGuest
        self.isActive = isActive
        self.fields = fields
    }

    /// The member draft that creates this person with `id`: the email is the
    /// `userName`; a missing first name falls back to the display name, so a draft is
    /// never nameless; category values come from `fields` through `mapping`.
    public func draft(id: MemberID, email: EmailAddress, mapping: SourceFieldMapping) -> MemberDraft {
        let names = memberNames
        return MemberDraft(
            id: id, userName: email.rawValue, givenName: names.given, familyName: names.family,
            displayName: names.display, emails: [email],
            locale: locale?.trimmingWhitespace().nilIfEmpty,
            timeZoneIdentifier: timeZoneIdentifier?.trimmingWhitespace().nilIfEmpty,
            categoryValues: mapping.categoryValues(of: self))
    }

    /// The names a member gets: trimmed; with neither first nor last name, the display
    /// name stands in as the first name.
    var memberNames: (given: String, family: String, display: String?) {
        let given = givenName.trimmingWhitespace(), family = familyName.trimmingWhitespace()
        let display = displayName?.trimmingWhitespace().nilIfEmpty
        return (given.isEmpty && family.isEmpty ? display ?? "" : given, family, display)
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
