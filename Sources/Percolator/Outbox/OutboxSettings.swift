/// How the outbox's emails are delivered. Without a relay, nothing is sent: the events
/// stay `pending` and visible through `GET /api/v1/events`.
public struct OutboxSettings: Sendable {
    /// The SMTP relay's host; `nil` (the default) disables delivery.
    public var smtpHost: String?
    /// The relay's port. Default: 25.
    public var smtpPort = 25
    /// The envelope sender and `From` of the emails. Default: percolator@localhost.
    public var smtpSender = "percolator@localhost"
    /// AUTH PLAIN credentials, when the relay wants them.
    public var smtpUsername: String?
    /// AUTH PLAIN password.
    public var smtpPassword: String?

    /// The relay, when a host is configured.
    public var relay: SMTPRelay? {
        smtpHost.map { host in
            SMTPRelay(host: host, port: smtpPort, heloName: "percolator.localhost", username: smtpUsername,
                      password: smtpPassword, sender: smtpSender)
        }
    }
    /// How often the deliverer looks for due emails. Default: 1 s.
    public var pollInterval: Duration = .seconds(1)
    /// Attempts before an email that keeps failing transiently is given up. Default: 8.
    public var maxAttempts = 8
    /// The wait after the first transient failure, doubled after each next one (at most
    /// an hour). Default: 30 s.
    public var retryBase: Duration = .seconds(30)
    /// How long a deliverer's claim on the emails it is about to send holds. While it
    /// does, no other deliverer (another server instance on the same database) sends them;
    /// once it expires — the deliverer died — another one may. A claim is extended before
    /// each email so that it always outlasts the SMTP conversation that sends it. The
    /// instances' clocks must agree to well within it. Default: 300 s.
    public var lease: Duration = .seconds(300)
    /// The most emails a deliverer claims at once. Default: 50.
    public var batchSize = 50
    /// The address of the member portal, for links in emails. Default: http://127.0.0.1:8080.
    public var portalURL = "http://127.0.0.1:8080"
    /// How often deprovisioned members past their tenant's retention are purged. Default: 1 h.
    public var purgeInterval: Duration = .seconds(3_600)

    /// The defaults documented on each property.
    public init() {}
}
