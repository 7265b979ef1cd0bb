/// "My profile": names, language, time zone and the categories.
public struct ProfilePage: Sendable, Hashable {
    /// The first name.
    public var givenName: String
    /// The last name.
    public var familyName: String
    /// The member's language.
    public var language: Language
    /// The member's IANA time zone (`Europe/Paris`), nil when unset.
    public var timeZone: String?
    /// The time zones to offer (IANA identifiers); the current one is added if missing.
    public var timeZoneChoices: [String]
    /// The categories, in display order.
    public var categories: [ProfileCategoryField]
    /// Whether the last POST lacked a name.
    public var isNameMissing: Bool
    /// Who manages the member's names, language and time zone when the member may not
    /// (an identity provider provisions them: "your organisation's directory"), shown
    /// beside them as read-only values; `nil` when the member edits them.
    public var managedBy: String?

    /// Creates the page.
    public init(givenName: String, familyName: String, language: Language, timeZone: String?, timeZoneChoices: [String],
                categories: [ProfileCategoryField], isNameMissing: Bool = false, managedBy: String? = nil) {
        self.managedBy = managedBy
        self.givenName = givenName
        self.familyName = familyName
        self.language = language
        self.timeZone = timeZone
        self.timeZoneChoices = timeZoneChoices
        self.categories = categories
        self.isNameMissing = isNameMissing
    }
}
