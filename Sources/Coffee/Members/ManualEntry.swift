import Foundation

/// An admin's manual add of one member: the mandatory fields (first name, last name,
/// email) and any category values, which may be left empty (seed README, "Manual add").
public struct ManualEntry: Sendable, Equatable {
    /// First name, as typed.
    public var givenName: String
    /// Last name, as typed.
    public var familyName: String
    /// Email, as typed.
    public var email: String
    /// Category values; empty lists are dropped.
    public var categoryValues: CategoryValues

    /// Creates an entry.
    public init(givenName: String, familyName: String, email: String, categoryValues: CategoryValues = CategoryValues()) {
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.categoryValues = categoryValues
    }

    /// Validates the entry and creates an Active member of source `manual`, with the
    /// welcome email as the admin chose. Throws ``MemberError`` for a missing field, a
    /// bad email, an email already taken (`existingMember`), or a category value the
    /// catalog refuses (unknown, several values in a single select). A category the
    /// identity provider fills may be filled here: the member is not the IdP's.
    public func add(
        id: MemberID, tenantID: TenantID, catalog: CategoryCatalog, settings: TenantSettings,
        sendsWelcomeEmail: Bool, existingMember: (EmailAddress) -> Member?, at date: Date
    ) throws(MemberError) -> TransitionResult {
        let given = MemberName.cleaned(givenName.trimmingCharacters(in: .whitespacesAndNewlines))
        let family = MemberName.cleaned(familyName.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !given.isEmpty else { throw .missingField("givenName") }
        guard !family.isEmpty else { throw .missingField("familyName") }
        guard !email.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingField("email") }
        let address = try EmailAddress(email)
        if existingMember(address) != nil { throw .emailTaken(address) }
        try catalog.validate(categoryValues, allowingReadOnly: true)
        let draft = MemberDraft(id: id, userName: address.rawValue, givenName: given, familyName: family,
                                emails: [address], categoryValues: categoryValues)
        return try ProvisioningTransition.provision(draft, tenantID: tenantID, source: .manual, settings: settings,
                                                    sendsWelcomeEmail: sendsWelcomeEmail, at: date)
    }
}
