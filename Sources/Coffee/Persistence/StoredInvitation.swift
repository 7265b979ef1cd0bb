import FoundationEssentials

/// An email invitation as the `invitations` table holds it: everything but the
/// acceptance token, of which only the SHA-256 is stored.
public struct StoredInvitation: Sendable, Equatable {
    /// Pending or registered (`status` column).
    public enum Status: String, Sendable, Equatable {
        /// Sent, not yet accepted.
        case pending
        /// Accepted; the token is spent.
        case registered
    }

    /// The list order.
    public var seq: Int64
    /// The tenant.
    public var tenantID: TenantID
    /// The invited member, pending until accepted.
    public var memberID: MemberID
    /// The invited address, as given.
    public var email: EmailAddress
    /// Pending or registered.
    public var status: Status
    /// When it was sent.
    public var createdAt: Date
    /// When the token stops working (exclusive).
    public var expiresAt: Date
    /// When it was accepted, if it was.
    public var acceptedAt: Date?

    /// Creates a value (the Store reads them; the admin API shows a new one before it is
    /// read back).
    public init(seq: Int64, tenantID: TenantID, memberID: MemberID, email: EmailAddress, status: Status,
                createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil) {
        self.seq = seq
        self.tenantID = tenantID
        self.memberID = memberID
        self.email = email
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
    }

    /// Whether a pending invitation can no longer be accepted at `date`.
    public func isExpired(at date: Date) -> Bool {
        status == .pending && date >= expiresAt
    }

    /// The domain's invitation, carrying `token` — the token the caller presented and
    /// found this row by (its hash matched), since the plaintext is not stored.
    public func invitation(token: InvitationToken) -> Invitation {
        Invitation(memberID: memberID, tenantID: tenantID, email: email, token: token,
                          createdAt: createdAt, expiresAt: expiresAt,
                          status: acceptedAt.map { .registered(at: $0) } ?? .pending)
    }
}
