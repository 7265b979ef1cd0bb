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
    /// Synchronised from a Slack workspace (``ConnectionKind/slack``).
    case slack
    /// Synchronised from a Microsoft Teams team (``ConnectionKind/teams``).
    case teams
    /// Synchronised from an HR information system (``ConnectionKind/hris``).
    case hris

    /// Whether members of this source came in through a connection's sync, which then
    /// owns their activity the way an identity provider owns a SCIM member's.
    public var isConnector: Bool {
        switch self {
        case .slack, .teams, .hris: true
        case .scim, .csv, .manual, .invitation: false
        }
    }
}
