/// The connection a plan is for, and the tenant settings that say who owns what.
public struct SyncContext: Sendable, Equatable {
    /// The connection whose listing is planned.
    public var connectionID: ConnectionID
    /// Its kind: which members it creates, whether guests are excluded.
    public var kind: ConnectionKind
    /// The fields the admin selected and the categories they fill.
    public var fieldMapping: SourceFieldMapping
    /// The tenant's settings: its SCIM category mapping says which categories the
    /// identity provider owns; its welcome-email choice applies to created members.
    public var settings: TenantSettings

    /// Creates a context.
    public init(connectionID: ConnectionID, kind: ConnectionKind, fieldMapping: SourceFieldMapping = SourceFieldMapping(),
                settings: TenantSettings = TenantSettings()) {
        self.connectionID = connectionID
        self.kind = kind
        self.fieldMapping = fieldMapping
        self.settings = settings
    }
}
