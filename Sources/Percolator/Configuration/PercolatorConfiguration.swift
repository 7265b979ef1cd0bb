import HTTP

/// Everything `percolator serve` can be told. Each value comes, from lowest to
/// highest precedence, from its default, the configuration file (`--config FILE`),
/// an environment variable `PERCOLATOR_<NAME>`, and the command-line flag `--<name>`.
/// ``ConfigurationSetting/all`` lists them with their defaults.
public struct PercolatorConfiguration: Sendable {
    /// The HTTP listener and its limits.
    public var server = ServerConfiguration()
    /// The SQLite database file. Default `./percolator.sqlite`.
    public var databasePath = "./percolator.sqlite"
    /// The SCIM service's advertised limits and base URL.
    public var scim = SCIMServiceSettings()
    /// The admin API's limits (CSV import size, invitation lifetime).
    public var admin = AdminServiceSettings()
    /// Requests per second and bursts per tenant, of the SCIM service and the admin API.
    public var rateLimits = RateLimitSettings()
    /// Write the JSON access log to standard output. Default true.
    public var accessLog = true
    /// Email delivery of the outbox (SMTP relay, retries); no relay means nothing is sent.
    public var outbox = OutboxSettings()
    /// How often the session scheduler looks for rounds to create, open and match
    /// (`scheduler-tick`). Default: 30 s. Activating a program plans its next session at
    /// once; the tick opens and matches sessions when they fall due.
    public var schedulerInterval: Duration = .seconds(30)
    /// Whether connections may be created and run (`connectors`). Default true.
    public var connectorsEnabled = true
    /// Whether connectors may call this machine's loopback (`connector-loopback`): vendor
    /// stubs for tests and local trials. Default false: a tenant admin's connection URL
    /// cannot reach services listening on the server's loopback.
    public var connectorLoopback = false
    /// The key sealing connections' credentials, as text (`credentials-key`).
    public var credentialsKey: String?
    /// The file holding that key (`credentials-key-file`); see ``credentialKeyProvider``.
    public var credentialsKeyFile: String?
    /// The configuration file that was read, if any.
    public var configFile: String?

    public init() {}
}
