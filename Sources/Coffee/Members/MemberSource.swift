/// The door through which a member came in (domain.md).
public enum MemberSource: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Provisioned by the identity provider over SCIM.
    case scim
    /// Imported from a CSV file by an admin.
    case csv
    /// Added by hand by an admin.
    case manual
    /// Signed up through an email invitation or the invitation link.
    case invitation
}
