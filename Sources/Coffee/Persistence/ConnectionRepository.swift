import FoundationEssentials

/// A tenant's connection to an outside source of members (Slack, Microsoft Teams, an HR
/// system) as stored: its settings in the connector's own JSON, its credentials sealed
/// (never stored in clear: ``sealedCredentials`` is an AES-256-GCM envelope made by the
/// application), and when it next runs.
public struct StoredConnection: Sendable, Equatable {
    /// The connection's id.
    public var id: ConnectionID
    /// Its organisation.
    public var tenant: TenantID
    /// Which kind of source.
    public var kind: ConnectionKind
    /// The admin's name for it.
    public var name: String
    /// The connector's settings (base URL, team, field mapping, schedule), as JSON text.
    public var settings: String
    /// The credentials, sealed.
    public var sealedCredentials: String
    /// The last four characters of the credential, to recognise it.
    public var credentialHint: String
    /// When it was created.
    public var createdAt: Date
    /// When the scheduler runs it next; `nil`: only when asked.
    public var nextRunAt: Date?

    /// A connection as stored.
    public init(id: ConnectionID, tenant: TenantID, kind: ConnectionKind, name: String, settings: String,
                sealedCredentials: String, credentialHint: String, createdAt: Date, nextRunAt: Date?) {
        self.id = id
        self.tenant = tenant
        self.kind = kind
        self.name = name
        self.settings = settings
        self.sealedCredentials = sealedCredentials
        self.credentialHint = credentialHint
        self.createdAt = createdAt
        self.nextRunAt = nextRunAt
    }
}

/// One sync run of a connection, as its history shows it.
public struct ConnectionRun: Sendable, Equatable {
    /// How a run ended.
    public enum Outcome: String, Sendable, Equatable {
        /// The listing was complete and the plan applied.
        case succeeded
        /// The source could not be read completely: nothing changed.
        case failed
    }
    /// The run's id.
    public var id: String
    /// The connection.
    public var connectionID: ConnectionID
    /// Its organisation.
    public var tenant: TenantID
    /// When it started and finished.
    public var startedAt: Date
    public var finishedAt: Date
    /// How it ended.
    public var outcome: Outcome
    /// Counts (created, updated, deactivated, skipped by reason…), as JSON text.
    public var summary: String
    /// Why it failed, in words an admin can act on.
    public var error: String?

    /// A run as stored.
    public init(id: String, connectionID: ConnectionID, tenant: TenantID, startedAt: Date, finishedAt: Date,
                outcome: Outcome, summary: String, error: String?) {
        self.id = id
        self.connectionID = connectionID
        self.tenant = tenant
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.summary = summary
        self.error = error
    }
}

/// Connections, their runs and the links they hold to members (issue 14).
public protocol ConnectionRepository {
    /// Creates or replaces a connection.
    func save(_ connection: StoredConnection) throws
    /// The tenant's connection `id`.
    func connection(id: ConnectionID, tenant: TenantID) throws -> StoredConnection?
    /// The tenant's connections, oldest first.
    func connections(tenant: TenantID) throws -> [StoredConnection]
    /// Deletes a connection, its runs and its links.
    func delete(id: ConnectionID, tenant: TenantID) throws
    /// Connections of any tenant due at `now` and not being run, soonest first.
    func due(at now: Date, limit: Int) throws -> [StoredConnection]
    /// Takes the run of a connection for `owner` until `leaseUntil`, unless another holds
    /// it: one run per connection at a time, across instances. Returns whether it did.
    func claimRun(of id: ConnectionID, tenant: TenantID, by owner: String, at now: Date, leaseUntil: Date) throws -> Bool
    /// Whether `owner` still holds the run of the connection (nobody claimed it since its
    /// lease expired): a run checks this before applying, in the same transaction.
    func holdsRun(of id: ConnectionID, tenant: TenantID, by owner: String) throws -> Bool
    /// Gives the run back and sets the next scheduled run.
    func releaseRun(of id: ConnectionID, tenant: TenantID, by owner: String, nextRunAt: Date?) throws
    /// Records a finished run.
    func append(_ run: ConnectionRun) throws
    /// The connection's latest runs, newest first.
    func runs(of id: ConnectionID, tenant: TenantID, limit: Int) throws -> [ConnectionRun]
    /// Every link of the tenant's members, by member.
    func links(tenant: TenantID) throws -> [MemberID: [SourceLink]]
    /// Replaces the links `connection` holds to `member` with `links` (theirs only).
    func saveLinks(_ links: [SourceLink], of connection: ConnectionID, member: MemberID, tenant: TenantID) throws

    // issue 14 (connectors): an unchanged re-run, migration 0023.
    /// The links `connection` holds, each with the fingerprint its last run left while
    /// the member's version is still the one that run recorded and the member is live.
    func syncedLinks(of connection: ConnectionID, tenant: TenantID) throws -> [SyncedLink]
    /// Records each mark's fingerprint and member version on `connection`'s link to that
    /// source id (links it does not hold are left alone). ``saveLinks(_:of:member:tenant:)``
    /// clears the marks of the links it writes.
    func mark(_ marks: [SyncMark], of connection: ConnectionID, tenant: TenantID) throws
}
