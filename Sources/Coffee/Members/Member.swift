import Foundation

/// A person of one organisation who can be matched (domain.md, "Members and their
/// lifecycle").
///
/// Three status fields are kept apart on purpose: ``idpActive`` (owned by the identity
/// provider), ``localStatus`` (owned by the platform) and ``lifecycle``. ``version``
/// counts the transitions the member went through; events derive their idempotency keys
/// from it, so a retried transition over the same stored member yields the same keys.
public struct Member: Sendable, Equatable, Identifiable {
    /// Our identifier, also the SCIM `id`.
    public let id: MemberID
    /// The organisation the member belongs to.
    public let tenantID: TenantID
    /// The identity provider's identifier, if any.
    public var externalID: String?
    /// Unique per tenant, case-insensitively (enforced by the Store).
    public var userName: String
    /// First name.
    public var givenName: String
    /// Last name.
    public var familyName: String
    /// The name to show, when the source gives one.
    public var displayName: String?
    /// Email addresses; the first is the primary one.
    public var emails: [EmailAddress]
    /// BCP 47 language tag (`fr-FR`), if known.
    public var locale: String?
    /// IANA time zone identifier, if known; the tenant's default applies otherwise.
    public var timeZoneIdentifier: String?
    /// Category values, by key.
    public var categoryValues: CategoryValues
    /// The door the member came in by.
    public let source: MemberSource
    /// SCIM `active`, owned by the identity provider. Members from other sources have no
    /// identity provider to say otherwise and are created with `true`.
    public var idpActive: Bool
    /// The platform-owned status.
    public var localStatus: LocalStatus
    /// Live, deprovisioned or purged.
    public var lifecycle: Lifecycle
    /// Until when the member asked not to be matched, if at all.
    public var snoozedUntil: Date?
    /// When the welcome email was requested; set at most once.
    public var welcomeEmailRequestedAt: Date?
    /// When the member was created.
    public let createdAt: Date
    /// When a transition last changed the member.
    public var updatedAt: Date
    /// When the member was deprovisioned, if it was.
    public var deprovisionedAt: Date?
    /// How many transitions changed this member; 1 after creation.
    public var version: Int

    /// Creates a member. Prefer ``ProvisioningTransition/provision(_:settings:at:)`` and
    /// the other doors, which also produce the events.
    public init(
        id: MemberID, tenantID: TenantID, externalID: String? = nil, userName: String,
        givenName: String, familyName: String, displayName: String? = nil,
        emails: [EmailAddress], locale: String? = nil, timeZoneIdentifier: String? = nil,
        categoryValues: CategoryValues = CategoryValues(), source: MemberSource,
        idpActive: Bool = true, localStatus: LocalStatus = .active, lifecycle: Lifecycle = .live,
        snoozedUntil: Date? = nil, welcomeEmailRequestedAt: Date? = nil,
        createdAt: Date, updatedAt: Date? = nil, deprovisionedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.tenantID = tenantID
        self.externalID = externalID
        self.userName = userName
        self.givenName = givenName
        self.familyName = familyName
        self.displayName = displayName
        self.emails = emails
        self.locale = locale
        self.timeZoneIdentifier = timeZoneIdentifier
        self.categoryValues = categoryValues
        self.source = source
        self.idpActive = idpActive
        self.localStatus = localStatus
        self.lifecycle = lifecycle
        self.snoozedUntil = snoozedUntil
        self.welcomeEmailRequestedAt = welcomeEmailRequestedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deprovisionedAt = deprovisionedAt
        self.version = version
    }

    /// The primary email address, if the member has one.
    public var primaryEmail: EmailAddress? { emails.first }

    /// The marker that replaces names when a member is purged.
    public static let anonymousMarker = "Anonymous"
}
