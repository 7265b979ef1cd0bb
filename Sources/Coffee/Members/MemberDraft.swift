/// What a door (SCIM, CSV, manual add, invitation) says about a member, before it is one.
///
/// The SCIM side fills it from the resource with plain values, the category values
/// already mapped through ``CategoryMapping/categoryValues(resolve:)``.
public struct MemberDraft: Sendable, Equatable {
    /// Our identifier for the new member (the Store or caller chooses it).
    public var id: MemberID
    /// The identity provider's identifier, if any.
    public var externalID: String?
    /// SCIM `userName`; other doors use the primary email.
    public var userName: String
    /// First name.
    public var givenName: String
    /// Last name.
    public var familyName: String
    /// Display name, if given.
    public var displayName: String?
    /// Email addresses, primary first.
    public var emails: [EmailAddress]
    /// BCP 47 locale, if given.
    public var locale: String?
    /// IANA time zone identifier, if given.
    public var timeZoneIdentifier: String?
    /// SCIM `active`; `nil` (absent) means active. Other doors leave it `nil`.
    public var active: Bool?
    /// Category values the door provides.
    public var categoryValues: CategoryValues

    /// Creates a draft.
    public init(
        id: MemberID, externalID: String? = nil, userName: String, givenName: String,
        familyName: String, displayName: String? = nil, emails: [EmailAddress],
        locale: String? = nil, timeZoneIdentifier: String? = nil, active: Bool? = nil,
        categoryValues: CategoryValues = CategoryValues()
    ) {
        self.id = id
        self.externalID = externalID
        self.userName = userName
        // One line, as every door keeps a member's names (``MemberName``).
        self.givenName = MemberName.cleaned(givenName)
        self.familyName = MemberName.cleaned(familyName)
        self.displayName = MemberName.cleaned(displayName)
        self.emails = emails
        self.locale = locale
        self.timeZoneIdentifier = timeZoneIdentifier
        self.active = active
        self.categoryValues = categoryValues
    }
}
