/// A problem with one CSV row. Errors make the whole import inapplicable (all rows or
/// none); warnings say what will happen that the admin might not expect.
public enum ImportIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The email cell is not an address.
    case invalidEmail(String)
    /// The email cell is empty.
    case missingEmail
    /// The first name cell is empty.
    case missingFirstName
    /// The last name cell is empty.
    case missingLastName
    /// The same email (case-insensitively) appeared on an earlier row.
    case duplicateEmail(firstLine: Int)
    /// The row has fewer fields than the header (or more, non-empty ones).
    case wrongFieldCount(expected: Int, found: Int)
    /// The email belongs to a deprovisioned member, which an import cannot bring back.
    case memberDeprovisioned
    /// Warning: the existing member is inactive and stays so; an import never reactivates.
    case staysInactive(InactiveReason)
    /// Warning: the existing member was invited and stays pending until they accept.
    case staysPending
    /// Warning: the identity provider deactivated the member; the import does not change that.
    case deactivatedByIdentityProvider
    /// Warning: the member comes from the identity provider, which owns the names; the
    /// file's names are not applied.
    case namesOwnedByIdentityProvider
    /// Warning: the member comes from the identity provider, which fills this category;
    /// the file's value is not applied (members created by the file, or by hand, take it).
    case categoryOwnedByIdentityProvider(CategoryKey)

    /// Whether the issue blocks the import.
    public var isError: Bool {
        switch self {
        case .invalidEmail, .missingEmail, .missingFirstName, .missingLastName, .duplicateEmail,
            .wrongFieldCount, .memberDeprovisioned:
            true
        case .staysInactive, .staysPending, .deactivatedByIdentityProvider, .namesOwnedByIdentityProvider,
            .categoryOwnedByIdentityProvider:
            false
        }
    }

    /// A sentence for the admin.
    public var description: String {
        switch self {
        case .invalidEmail(let text): "\"\(text)\" is not a valid email address"
        case .missingEmail: "the email is missing"
        case .missingFirstName: "the first name is missing"
        case .missingLastName: "the last name is missing"
        case .duplicateEmail(let line): "the same email is already on line \(line)"
        case .wrongFieldCount(let expected, let found): "expected \(expected) fields, found \(found)"
        case .memberDeprovisioned: "this member was removed by the identity provider and cannot be imported"
        case .staysInactive(let reason): "the member is inactive (\(reason.rawValue)) and stays inactive"
        case .staysPending: "the member was invited and stays pending until they accept"
        case .deactivatedByIdentityProvider: "the identity provider deactivated this member; it stays deactivated"
        case .namesOwnedByIdentityProvider: "names come from the identity provider and are not changed"
        case .categoryOwnedByIdentityProvider(let key):
            "\"\(key)\" comes from the identity provider for this member; the file's value is not applied"
        }
    }
}
