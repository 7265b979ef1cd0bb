/// What one valid CSV row says about a person: the mandatory fields and the category
/// values of the mapped columns (empty cells absent: an empty cell leaves an existing
/// member's value as it is).
public struct ImportedPerson: Sendable, Equatable {
    /// First name, trimmed.
    public var givenName: String
    /// Last name, trimmed.
    public var familyName: String
    /// The address; the key that matches existing members, case-insensitively.
    public var email: EmailAddress
    /// Values of the mapped columns. Multi-select cells are split on `|`.
    public var categoryValues: CategoryValues

    /// Creates a person.
    public init(givenName: String, familyName: String, email: EmailAddress, categoryValues: CategoryValues = CategoryValues()) {
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.categoryValues = categoryValues
    }

    /// The draft that creates this person as a new member with `id`; the email is the
    /// `userName`.
    public func draft(id: MemberID) -> MemberDraft {
        MemberDraft(id: id, userName: email.rawValue, givenName: givenName, familyName: familyName,
                    emails: [email], categoryValues: categoryValues)
    }
}
