import FoundationEssentials

/// The admin API's limits and its clock.
public struct AdminServiceSettings: Sendable {
    /// Largest CSV file `POST /api/v1/imports` accepts, in bytes; above it → 413.
    /// Default 64 MiB (about a million rows of five short columns).
    public var importMaxBytes = 64 * 1024 * 1024
    /// How long an email invitation stays valid. Default 14 days
    /// (`Invitation.defaultLifetime`).
    public var invitationLifetime: TimeInterval = 14 * 24 * 60 * 60
    /// The admin API's clock: what `AdminContext.now` reads. Tests move it to expire
    /// invitations; production keeps the default, the system clock.
    public var clock: @Sendable () -> Date = { Date() }

    /// The defaults documented on each property.
    public init() {}
}
