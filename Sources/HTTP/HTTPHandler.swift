/// What answers a request.
///
/// `inline` handlers run on the event loop thread and must not block: they suit cheap,
/// in-memory answers (`/healthz`, `/metrics`). `async` handlers run on the Swift
/// concurrency pool and may await storage; their response is handed back to the loop.
public enum HTTPHandler: Sendable {
    case inline(@Sendable (HTTPRequest) -> HTTPResponse)
    case async(@Sendable (HTTPRequest) async -> HTTPResponse)
}
