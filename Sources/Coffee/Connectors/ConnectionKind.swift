/// The outside systems a tenant can connect to keep members in sync (issue 14): a chat
/// workspace, a Teams team, an HR information system.
public enum ConnectionKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// A Slack workspace, read with `users.list`.
    case slack
    /// A Microsoft Teams team, read through Microsoft Graph.
    case teams
    /// An HR information system's employee directory.
    case hris

    /// The ``MemberSource`` of members this kind of connection creates.
    public var memberSource: MemberSource {
        switch self {
        case .slack: .slack
        case .teams: .teams
        case .hris: .hris
        }
    }

    /// Whether guests are left out: the seed says so for Teams, and issue 14 for Slack's
    /// single- and multi-channel guests. An HR system lists employees only.
    public var excludesGuests: Bool {
        switch self {
        case .slack, .teams: true
        case .hris: false
        }
    }
}
