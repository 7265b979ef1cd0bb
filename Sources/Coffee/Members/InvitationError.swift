import Foundation

/// Why an invitation or a sign-up through the invitation link was refused. The
/// descriptions are shown to the person signing up, so they name no internals.
public enum InvitationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The presented token is not this invitation's (or link's).
    case invalidToken
    /// The invitation expired at the given date.
    case expired(at: Date)
    /// The invitation was already accepted; tokens are single-use.
    case alreadyUsed
    /// The invitation link was turned off by an admin.
    case linkDisabled
    /// The email's domain is not one of the tenant's allowed domains.
    case domainNotAllowed(String)
    /// The member behind the invitation is no longer pending or live.
    case memberNotPending(MemberID)
    /// The address, names or other data are invalid.
    case invalidMember(MemberError)

    /// A sentence for the person signing up.
    public var description: String {
        switch self {
        case .invalidToken: "this invitation link is not valid"
        case .expired(let date): "this invitation expired on \(date.formatted(.iso8601))"
        case .alreadyUsed: "this invitation was already used"
        case .linkDisabled: "sign-up through this link is closed"
        case .domainNotAllowed(let domain):
            "addresses at \(domain) may not sign up through this link; ask your administrator for an invitation"
        case .memberNotPending: "this invitation is no longer valid"
        case .invalidMember(let error): error.description
        }
    }
}
