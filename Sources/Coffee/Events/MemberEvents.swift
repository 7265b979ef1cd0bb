import Foundation

/// Payload of ``DomainEvent/memberProvisioned(_:)``: programs whose audience the member
/// fits take it in, when it is eligible.
public struct MemberProvisioned: Sendable, Equatable {
    /// Tenant, member, version 1 (or the version at which an invited member was created).
    public var header: EventHeader
    /// The door the member came in by.
    public var source: MemberSource
    /// SCIM `active` at creation; `false` means created, not eligible.
    public var idpActive: Bool
    /// The local status at creation (`pending` for invitations).
    public var localStatus: LocalStatus

    /// Creates the payload.
    public init(header: EventHeader, source: MemberSource, idpActive: Bool, localStatus: LocalStatus) {
        self.header = header
        self.source = source
        self.idpActive = idpActive
        self.localStatus = localStatus
    }
}

/// Payload of ``DomainEvent/welcomeEmailRequested(_:)``: what the deliverer needs to
/// send the welcome email, and no more.
public struct WelcomeEmailRequested: Sendable, Equatable {
    /// Tenant and member.
    public var header: EventHeader
    /// The recipient.
    public var email: EmailAddress
    /// The name to greet.
    public var givenName: String
    /// The language to write in, if known.
    public var locale: String?

    /// Creates the payload.
    public init(header: EventHeader, email: EmailAddress, givenName: String, locale: String?) {
        self.header = header
        self.email = email
        self.givenName = givenName
        self.locale = locale
    }
}

/// Payload of the events that only say a member's status changed: deactivated,
/// reactivated, deprovisioned, purged, invitation accepted. Ids only.
public struct MemberStatusChanged: Sendable, Equatable {
    /// Tenant, member, version, time.
    public var header: EventHeader

    /// Creates the payload.
    public init(header: EventHeader) {
        self.header = header
    }
}

/// Payload of ``DomainEvent/memberUpdated(_:)``: which parts changed, so audiences are
/// recomputed only when categories did. Names of fields, never their values.
public struct MemberUpdated: Sendable, Equatable {
    /// Tenant, member, version, time.
    public var header: EventHeader
    /// The member fields that changed (`givenName`, `emails`…), sorted.
    public var changedFields: [String]
    /// The category keys whose values changed, sorted.
    public var changedCategories: [CategoryKey]

    /// Creates the payload.
    public init(header: EventHeader, changedFields: [String], changedCategories: [CategoryKey]) {
        self.header = header
        self.changedFields = changedFields
        self.changedCategories = changedCategories
    }
}

/// Payload of ``DomainEvent/invitationEmailRequested(_:)``: the address and the single-use
/// token the link carries.
public struct InvitationEmailRequested: Sendable, Equatable {
    /// Tenant and the pending member.
    public var header: EventHeader
    /// The recipient.
    public var email: EmailAddress
    /// The acceptance token to put in the link.
    public var token: InvitationToken
    /// When the token stops working.
    public var expiresAt: Date
    /// The name to greet, when the admin gave one (empty otherwise).
    public var givenName: String

    /// Creates the payload.
    public init(header: EventHeader, email: EmailAddress, token: InvitationToken, expiresAt: Date, givenName: String = "") {
        self.header = header
        self.email = email
        self.token = token
        self.expiresAt = expiresAt
        self.givenName = givenName
    }
}
