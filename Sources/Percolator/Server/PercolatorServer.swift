import Coffee
import Dispatch
import FoundationEssentials
import HTTP
import Store
import Synchronization

/// The running application: the HTTP server with Percolator's routes, its access
/// log and its metrics.
public final class PercolatorServer: Sendable {
    public let configuration: PercolatorConfiguration
    public let metrics: Metrics
    /// The storage: a SQLite file or a PostgreSQL database.
    public let storage: any StorageBackend
    /// The SCIM resources, written with their members and events in one transaction.
    public let resources: any ResourceStore
    let accessLog: AccessLog?
    let http: HTTPServer
    /// The persistence port the application reads and writes through.
    let persistence: any Persistence
    /// Opens and matches sessions when they are due.
    let scheduler: SessionScheduler
    /// Sends the outbox's emails, when a relay is configured.
    let deliverer: OutboxDeliverer?
    /// Connections to outside sources, run when their schedule is due.
    let connections: ConnectionService
    /// Writes the provisioning log's batched entries (issue 15).
    let provisioningLogWriter: ProvisioningLogWriter
    /// Set by ``shutdown()``: background jobs stop.
    let isShutDown = Atomic<Bool>(false)

    /// A server for `configuration`; call ``start()`` to listen.
    public convenience init(configuration: PercolatorConfiguration, store: SQLiteStore, accessLogDescriptor: Int32 = 1) {
        self.init(configuration: configuration, storage: SQLiteBackend(store: store), accessLogDescriptor: accessLogDescriptor)
    }

    /// A server for `configuration` on `storage`; call ``start()`` to listen.
    public init(configuration: PercolatorConfiguration, storage: any StorageBackend, accessLogDescriptor: Int32 = 1) {
        self.configuration = configuration
        self.storage = storage
        let store = storage.accounts
        let accessLog = configuration.accessLog ? AccessLog(descriptor: accessLogDescriptor) : nil
        self.accessLog = accessLog
        let box = ServerBox()
        // The SCIM resource store and the persistence port: every write of the application
        // goes through the same path (on SQLite, the resource store's group-commit writer).
        var provisioning = Self.provisioning()
        provisioning.encodeEvents = { [storage] events in storage.encode(events) }
        let (resources, persistence) = storage.open(resources: SCIMService.storeConfiguration(configuration.scim),
                                                    observer: provisioning)
        let metrics = Metrics(openConnections: { box.server?.openConnections ?? 0 },
                              writeStatistics: { resources.writeStatistics })
        self.metrics = metrics
        var router = Router()
        OperabilityRoutes.register(on: &router, metrics: metrics, storage: storage)
        self.resources = resources
        self.persistence = persistence
        let matcher = SessionMatcher(persistence: persistence, log: .standardError)
        scheduler = SessionScheduler(persistence: persistence, matcher: matcher)
        let limits = configuration.rateLimits
        let provisioningLogWriter = ProvisioningLogWriter(persistence: persistence)
        self.provisioningLogWriter = provisioningLogWriter
        SCIMService(store: store, resources: resources, persistence: persistence, settings: configuration.scim,
                    limiter: RateLimiter(name: "scim", policy: limits.scim, clock: limits.clock),
                    provisioningLog: ProvisioningLog(writer: provisioningLogWriter)).register(on: &router)
        // `percolator serve` checked the key before; a server built otherwise without one
        // refuses connections (issue 14) and does everything else.
        let cipher = (try? configuration.credentialCipher()) ?? nil
        let services = ApplicationServices(persistence: persistence, matcher: matcher,
                                           invitationLifetime: configuration.admin.invitationLifetime,
                                           credentialCipher: cipher,
                                           cursorKey: configuration.scim.cursorSecret ?? SCIMService.randomSecret(),
                                           connectorEndpoints: ConnectorEndpointPolicy(allowsLoopback: configuration.connectorLoopback))
        self.connections = services.connections
        AdminService(store: store, services: services,
                     tokenCacheTTL: configuration.scim.tokenCacheTTL,
                     settings: configuration.admin,
                     limiter: RateLimiter(name: "admin", policy: limits.admin, clock: limits.clock)).register(on: &router)
        // The Member Portal, at the root of the public URL its emails link to.
        PortalEndpoints(portal: services.portal, invitations: services.invitations, programService: services.programs,
                        members: services.members, tenants: store,
                        publicURL: configuration.outbox.portalURL, clock: configuration.admin.clock,
                        trustedProxies: configuration.server.trustedProxies).register(on: &router)
        // The admin console (issue 13), under /admin of the same public URL.
        ConsoleEndpoints(console: ConsoleService(persistence: persistence, accounts: store), services: services, tenants: store,
                         publicURL: configuration.outbox.portalURL, clock: configuration.admin.clock,
                         importMaxBytes: configuration.admin.importMaxBytes,
                         trustedProxies: configuration.server.trustedProxies).register(on: &router)
        let http = HTTPServer(
            configuration: configuration.server, router: router,
            errorResponse: { status, detail in ErrorResponses.scimError(status: status, detail: detail) },
            onRequest: { record in
                metrics.record(record)
                accessLog?.record(record)
            },
            // Handlers run on the storage readers' threads: a read needs no thread hop.
            taskExecutor: storage.handlerExecutor)
        box.server = http
        self.http = http
        deliverer = configuration.outbox.relay.map { relay in
            let client = SMTPClient(relay: relay)
            return OutboxDeliverer(persistence: persistence, settings: configuration.outbox,
                                   send: { message throws(SMTPError) in try client.send(message) })
        }
    }

    /// Provisioning with its effects on programs and sessions: a deleted group pauses
    /// the programs whose audience it was; a deprovisioned member is marked unavailable in
    /// the sessions it was matched in.
    static func provisioning() -> ProvisioningObserver {
        var observer = ProvisioningObserver()
        observer.onGroupDeleted = { groupID, tenant, date, db in
            let programs = try db.programs.programs(tenant: tenant)
            for program in ProgramTransition.audienceGroupDeleted(GroupID(groupID), programs: programs, at: date) {
                try db.programs.save(program)
            }
        }
        observer.onMemberWithdrawn = { member, tenant, date, db in
            if member.lifecycle != .live {
                try db.sessions.markUnavailable(member: member.id, tenant: tenant)
                // A deprovisioned member is signed out of the portal everywhere.
                try db.portal.revokeSessions(of: member.id, tenant: tenant, at: date)
            }
        }
        return observer
    }

    /// Binds and starts serving; returns the bound port.
    @discardableResult
    public func start() throws -> UInt16 {
        let port = try http.start()
        deliverer?.start()
        let purge = RetentionPurge(persistence: persistence)
        repeatUntilShutdown(every: configuration.outbox.purgeInterval, context: "retention purge") {
            try await purge.run(at: Date())
            try await purge.purgeProvisioningLog(at: Date())
            try await purge.purgePortalLinks(at: Date())
        }
        // Connections whose schedule is due (issue 14), one run per connection across instances.
        let connections = self.connections
        repeatUntilShutdown(every: configuration.schedulerInterval, context: "connection sync") {
            try await connections.runDue(at: Date())
        }
        // CSV imports accepted by an instance that stopped midway (issue 10): finished here.
        let imports = ImportService(persistence: persistence)
        repeatUntilShutdown(every: ImportService.resumeInterval, context: "import resume") {
            try await imports.resumeAbandoned(at: Date())
        }
        provisioningLogWriter.start(while: { [weak self] in self.map { !$0.isShutDown.load(ordering: .relaxed) } ?? false })
        let scheduler = self.scheduler
        repeatUntilShutdown(every: configuration.schedulerInterval, context: "session scheduler") {
            try await scheduler.tick(at: Date())
        }
        if let accessLog {
            Task.detached { [weak self] in
                while self != nil {
                    try? await Task.sleep(for: .milliseconds(200))
                    accessLog.flush()
                }
            }
        }
        return port
    }

    /// Runs `job` now and then every `interval` until ``shutdown()``; its errors are
    /// logged with `context` and the next run still happens.
    private func repeatUntilShutdown(every interval: Duration, context: String,
                                     _ job: @escaping @Sendable () async throws -> Void) {
        Task.detached { [weak self] in
            while let server = self, !server.isShutDown.load(ordering: .relaxed) {
                do {
                    try await job()
                } catch {
                    ErrorLog.unexpected(error, context: context)
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// The bound port.
    public var port: UInt16 { http.port }

    /// Stops accepting, drains in-flight requests within the grace period, flushes the log.
    public func shutdown() async {
        isShutDown.store(true, ordering: .relaxed)
        await http.shutdown()
        await provisioningLogWriter.flush()
        if let deliverer {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    deliverer.stop()
                    done.resume()
                }
            }
        }
        accessLog?.flush()
    }
}

/// Lets the metrics closure reach the server created after it.
private final class ServerBox: @unchecked Sendable {
    // Written once during init, before any request can read it.
    var server: HTTPServer?
}
