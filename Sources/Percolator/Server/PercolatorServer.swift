import HTTP
import Store

/// The running application: the HTTP server with Percolator's routes, its access
/// log and its metrics.
public final class PercolatorServer: Sendable {
    public let configuration: PercolatorConfiguration
    public let metrics: Metrics
    /// Tenants, tokens and (later) resources.
    public let store: SQLiteStore
    /// The SCIM resources, written with their members and events in one transaction.
    public let resources: SQLiteResourceStore
    let accessLog: AccessLog?
    let http: HTTPServer

    /// A server for `configuration`; call ``start()`` to listen.
    public init(configuration: PercolatorConfiguration, store: SQLiteStore, accessLogDescriptor: Int32 = 1) {
        self.configuration = configuration
        self.store = store
        let accessLog = configuration.accessLog ? AccessLog(descriptor: accessLogDescriptor) : nil
        self.accessLog = accessLog
        let box = ServerBox()
        let metrics = Metrics(openConnections: { box.server?.openConnections ?? 0 })
        self.metrics = metrics
        var router = Router()
        OperabilityRoutes.register(on: &router, metrics: metrics, store: store)
        let resources = SQLiteResourceStore(database: store.database,
                                            configuration: SCIMService.storeConfiguration(configuration.scim),
                                            observer: ProvisioningObserver())
        self.resources = resources
        SCIMService(store: store, resources: resources, settings: configuration.scim).register(on: &router)
        AdminService(store: store, resources: resources, tokenCacheTTL: configuration.scim.tokenCacheTTL,
                     settings: configuration.admin).register(on: &router)
        let http = HTTPServer(
            configuration: configuration.server, router: router,
            errorResponse: { status, detail in ErrorResponses.scimError(status: status, detail: detail) },
            onRequest: { record in
                metrics.record(record)
                accessLog?.record(record)
            },
            // Handlers run on the storage readers' threads: a read needs no thread hop.
            taskExecutor: store.database.readerTaskExecutor)
        box.server = http
        self.http = http
    }

    /// Binds and starts serving; returns the bound port.
    @discardableResult
    public func start() throws -> UInt16 {
        let port = try http.start()
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

    /// The bound port.
    public var port: UInt16 { http.port }

    /// Stops accepting, drains in-flight requests within the grace period, flushes the log.
    public func shutdown() async {
        await http.shutdown()
        accessLog?.flush()
    }
}

/// Lets the metrics closure reach the server created after it.
private final class ServerBox: @unchecked Sendable {
    // Written once during init, before any request can read it.
    var server: HTTPServer?
}
