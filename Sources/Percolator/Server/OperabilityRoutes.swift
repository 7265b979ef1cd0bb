import HTTP
import Store

/// `/healthz`, `/readyz` and `/metrics`: answered inline on the event loop, with no
/// authentication (bind them to a private network or filter them at the proxy).
enum OperabilityRoutes {
    static func register(on router: inout Router, metrics: Metrics, store: SQLiteStore) {
        // Liveness: the process answers HTTP.
        let healthy = Array(#"{"status":"ok"}"#.utf8)
        router.add(.get, "/healthz", .inline { _ in
            HTTPResponse(status: 200, contentType: "application/json", body: healthy)
        })
        // Readiness: the database answers a read on a reader connection.
        let ready = Array(#"{"status":"ready","checks":{"storage":"ok"}}"#.utf8)
        let notReady = Array(#"{"status":"unavailable","checks":{"storage":"failed"}}"#.utf8)
        router.add(.get, "/readyz", .async { _ in
            let reachable = await store.database.isReadable()
            var response = HTTPResponse(status: reachable ? 200 : 503, contentType: "application/json",
                                        body: reachable ? ready : notReady)
            if !reachable { response.headers.append(name: "Retry-After", value: "5") }
            return response
        })
        router.add(.get, "/metrics", .inline { _ in
            HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                         body: Array(metrics.render().utf8))
        })
    }
}
