import FoundationEssentials

/// The identifier of a token: a random UUID-like string, safe to show and log (it is not
/// the secret).
public struct TokenID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The stored text.
    public let rawValue: String

    /// Wraps a stored or user-supplied identifier (not validated).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The raw value.
    public var description: String { rawValue }
}

/// What a bearer token grants: the SCIM API of its tenant, or the admin API.
public enum TokenKind: String, Sendable, CaseIterable {
    /// A provisioning token for the SCIM endpoints, given to an identity provider.
    case scim
    /// A token for the admin API. A separate kind: a SCIM token never opens the admin API.
    case admin
}

/// A token as stored, without its secret: the Store keeps only the SHA-256 of the
/// plaintext, which is shown once, when issued.
public struct TokenRecord: Sendable, Equatable, Identifiable {
    /// The token's identifier (not the secret).
    public var id: TokenID
    /// The one tenant the token belongs to.
    public var tenantID: TenantID
    /// What the token grants.
    public var kind: TokenKind
    /// A note for humans, e.g. `"Entra ID production"`.
    public var label: String?
    /// When it was issued.
    public var createdAt: Date
    /// When it last authenticated a request; updated at most once a minute (see
    /// `SQLiteStore.lastUsedResolution`).
    public var lastUsedAt: Date?
    /// When it was revoked; a revoked token never authenticates again.
    public var revokedAt: Date?

    /// Whether the token has been revoked.
    public var isRevoked: Bool { revokedAt != nil }

    /// A token record value (does not create anything in the Store).
    public init(id: TokenID, tenantID: TenantID, kind: TokenKind, label: String?,
                createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.tenantID = tenantID
        self.kind = kind
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
