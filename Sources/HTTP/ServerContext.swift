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
    /// Request body bytes held by all loops now (``ServerConfiguration/maxBodyBytesInFlight``).
    let bodyBytesInFlight = Atomic<Int>(0)

    init(configuration: ServerConfiguration, router: Router,
         errorResponse: @escaping @Sendable (Int, String) -> HTTPResponse,
         onRequest: (@Sendable (HTTPAccessRecord) -> Void)?, taskExecutor: (any TaskExecutor)?) {
        self.configuration = configuration
        self.router = router
        self.errorResponse = errorResponse
        self.onRequest = onRequest
        self.taskExecutor = taskExecutor
    }

    /// Counts `count` more body bytes in flight; false (and nothing counted) when that
    /// would pass the configured bound.
    func reserveBodyBytes(_ count: Int) -> Bool {
        let total = bodyBytesInFlight.add(count, ordering: .relaxed).newValue
        if total <= configuration.maxBodyBytesInFlight { return true }
        bodyBytesInFlight.subtract(count, ordering: .relaxed)
        return false
    }

    /// True when `count` more body bytes would fit now (not reserved).
    func bodyBytesWouldFit(_ count: Int) -> Bool {
        bodyBytesInFlight.load(ordering: .relaxed) + count <= configuration.maxBodyBytesInFlight
    }

    /// Stops counting `count` body bytes.
    func releaseBodyBytes(_ count: Int) {
        if count > 0 { bodyBytesInFlight.subtract(count, ordering: .relaxed) }
    }
}
