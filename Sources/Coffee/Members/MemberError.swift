import Foundation

/// Why a member value or a lifecycle transition was refused. Mapped to SCIM or HTTP
/// errors by the `Percolator` module, never shown with personal data beyond what the
/// admin typed.
public enum MemberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not an email address.
    case invalidEmail(String)
    /// A mandatory field (`givenName`, `familyName`, `userName`, `email`) is empty.
    case missingField(String)
    /// The member was deprovisioned: SCIM answers 404 and no IdP transition applies.
    case deprovisioned(MemberID)
    /// The member's personal data was purged; nothing more can happen to it.
    case purged(MemberID)
    /// Purge asked before the tenant's retention has elapsed.
    case retentionNotElapsed(MemberID, until: Date)
    /// Purge asked for a member that is still live.
    case notDeprovisioned(MemberID)
    /// A category key that the tenant does not define.
    case unknownCategory(CategoryKey)
    /// A single-select category given several values.
    case tooManyValues(CategoryKey, count: Int)
    /// A category that only the identity provider may fill.
    case readOnlyCategory(CategoryKey)
    /// Another member of the tenant has this email.
    case emailTaken(EmailAddress)
    /// A category members may not edit themselves.
    case notMemberEditable(CategoryKey)
    /// A value that is not one of a drop-down category's values, from a member.
    case unknownCategoryValue(CategoryKey, String)
    /// Re-linking a deprovisioned member was asked while the tenant does not opt into it.
    case relinkingDisabled
    /// A local status the operation may not set (`pending` belongs to invitations).
    case statusNotSettable(LocalStatus)

    /// A sentence for an admin.
    public var description: String {
        switch self {
        case .invalidEmail(let text): "\"\(text)\" is not a valid email address"
        case .missingField(let field): "\(field) is required"
        case .deprovisioned(let id): "member \(id) was deprovisioned"
        case .purged(let id): "member \(id) was purged"
        case .retentionNotElapsed(let id, let until):
            "member \(id) may not be purged before \(until.formatted(.iso8601))"
        case .notDeprovisioned(let id): "member \(id) is not deprovisioned"
        case .unknownCategory(let key): "no category \"\(key)\""
        case .tooManyValues(let key, let count): "category \"\(key)\" takes one value, got \(count)"
        case .readOnlyCategory(let key): "category \"\(key)\" is filled by the identity provider"
        case .emailTaken(let email): "a member with email \(email) already exists"
        case .notMemberEditable(let key): "category \"\(key)\" is not editable by members"
        case .unknownCategoryValue(let key, let value): "\"\(value)\" is not one of the values of category \"\(key)\""
        case .relinkingDisabled: "the organisation does not re-link re-provisioned members"
        case .statusNotSettable(let status): "the status cannot be set to \(status)"
        }
    }
}
