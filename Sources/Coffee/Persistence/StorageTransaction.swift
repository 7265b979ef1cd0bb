/// One transaction of the ``Persistence`` port, as its closure sees it: the repositories,
/// each reading and writing inside this transaction. Valid only inside the closure that
/// received it; never keep it or hand it to another task.
public protocol StorageTransaction {
    /// Members (every door's).
    var members: any MemberRepository { get }
    /// The category catalog and its known values.
    var categories: any CategoryRepository { get }
    /// Programs and members' per-program preferences.
    var programs: any ProgramRepository { get }
    /// Sessions, their results and the match history.
    var sessions: any SessionRepository { get }
    /// Email invitations and sign-up links.
    var invitations: any InvitationRepository { get }
    /// The outbox of domain events (and the emails they carry).
    var outbox: any OutboxRepository { get }
    /// Each tenant's settings.
    var settings: any TenantSettingsRepository { get }
    /// SCIM groups as the domain sees them: audiences (read-only; the identity provider
    /// owns them).
    var groups: any GroupDirectory { get }
    /// The Member Portal's sign-in links and sessions.
    var portal: any PortalRepository { get }
    /// CSV imports accepted and being applied in chunks.
    var imports: any ImportRunRepository { get }
    /// Connections to outside sources, their runs and links to members.
    var connections: any ConnectionRepository { get }
    /// The schema extensions each tenant declares (issue 15).
    var extensionSchemas: any ExtensionSchemaRepository { get }
    /// The admin console's address list, sign-in links and sessions.
    var console: any ConsoleRepository { get }
    /// The SCIM provisioning log.
    var provisioningLog: any ProvisioningLogRepository { get }

    /// Runs `body`, a write of about `bytes` of rows (a large import), with whatever the
    /// store needs to write that much in one transaction without spilling to disk midway
    /// (SQLite: a larger page cache for the writer, for `body` only).
    func bulkWrite<T>(ofAbout bytes: Int, _ body: () throws -> T) throws -> T

    /// The tenant's settings and declared extensions together (what a SCIM write checks
    /// first): as ``settings`` and ``extensionSchemas`` give them, in one read where the
    /// store can (PostgreSQL: one round trip instead of two).
    func settingsAndExtensions(tenant: TenantID) throws -> (settings: TenantSettings, extensions: [DeclaredExtensionDocument])
}

extension StorageTransaction {
    /// The two reads one after the other: what a store that reads in process (SQLite) does.
    public func settingsAndExtensions(tenant: TenantID) throws -> (settings: TenantSettings, extensions: [DeclaredExtensionDocument]) {
        (try settings.settings(tenant: tenant), try extensionSchemas.all(tenant: tenant))
    }
}
