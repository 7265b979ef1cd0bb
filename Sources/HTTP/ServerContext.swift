import Synchronization

/// What every event loop of one server shares: configuration, routes, hooks and the
/// connection count.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let router: Router
    let errorResponse: @Sendable (_ status: Int, _ detail: String) -> HTTPResponse
    let onRequest: (@Sendable (HTTPAccessRecord) -> Void)?
    /// Where async handlers run, when not on the default concurrency pool.
    let taskExecutor: (any TaskExecutor)?
    let openConnections = Atomic<Int>(0)

    init(configuration: ServerConfiguration, router: Router,
         errorResponse: @escaping @Sendable (Int, String) -> HTTPResponse,
         onRequest: (@Sendable (HTTPAccessRecord) -> Void)?, taskExecutor: (any TaskExecutor)?) {
        self.configuration = configuration
        self.router = router
        self.errorResponse = errorResponse
        self.onRequest = onRequest
        self.taskExecutor = taskExecutor
    }
}
