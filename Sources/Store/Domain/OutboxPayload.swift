import Coffee
import FoundationEssentials

/// What an outbox row says beyond its header: the fields of the ``DomainEvent`` that a
/// deliverer or an admin needs, stored as JSON in `outbox.payload`. Fields an event
/// kind does not have are absent.
public struct OutboxPayload: Codable, Sendable, Equatable {
    /// The subject's version after the change.
    public var sequence: Int
    /// Where an email goes (welcome, invitation, match introduction).
    public var email: String?
    /// The recipient's first name, for the greeting.
    public var givenName: String?
    /// The recipient's locale, for the language of the email.
    public var locale: String?
    /// The door a provisioned member came in by.
    public var source: String?
    /// SCIM `active` after the change.
    public var idpActive: Bool?
    /// Fields and categories an update changed.
    public var changedFields: [String]?
    /// Category keys an update changed.
    public var changedCategories: [String]?
    /// Members a group gained.
    public var added: [String]?
    /// Members a group lost.
    public var removed: [String]?
    /// When an invitation expires.
    public var expiresAt: Date?
    /// Free-form details of events defined outside the member domain (sessions, matches).
    public var details: [String: String]?

    /// An empty payload at `sequence`.
    public init(sequence: Int) {
        self.sequence = sequence
    }

    /// The key of ``details`` that carries an invitation's acceptance token until the
    /// email is sent; ``OutboxRecords/markDelivered(seq:at:in:)`` erases it, and the admin
    /// API never shows it.
    public static let secretTokenKey = "token"

    /// The payload of `event`.
    public init(_ event: DomainEvent) {
        self.init(sequence: event.header.sequence)
        switch event {
        case .memberProvisioned(let provisioned):
            source = provisioned.source.rawValue
            idpActive = provisioned.idpActive
        case .welcomeEmailRequested(let welcome):
            email = welcome.email.rawValue
            givenName = welcome.givenName
            locale = welcome.locale
        case .memberUpdated(let updated):
            changedFields = updated.changedFields
            changedCategories = updated.changedCategories.map(\.rawValue)
        case .invitationEmailRequested(let invitation):
            email = invitation.email.rawValue
            givenName = invitation.givenName.isEmpty ? nil : invitation.givenName
            expiresAt = invitation.expiresAt
            details = [Self.secretTokenKey: invitation.token.rawValue]
        case .groupMembershipChanged(let change):
            added = change.added.map(\.rawValue)
            removed = change.removed.map(\.rawValue)
        case .memberDeactivated, .memberReactivated, .memberDeprovisioned, .memberPurged, .invitationAccepted,
             .programAudienceBroken:
            break
        }
    }
}
