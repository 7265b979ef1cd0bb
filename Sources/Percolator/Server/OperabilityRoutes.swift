import HTTP
import Store

/// `/healthz`, `/readyz` and `/metrics`: answered inline on the event loop, with no
/// authentication (bind them to a private network or filter them at the proxy).
enum OperabilityRoutes {
    static func register(on router: inout Router, metrics: Metrics, storage: any StorageBackend) {
        // Liveness: the process answers HTTP.
        let healthy = Array(#"{"status":"ok"}"#.utf8)
        router.add(.get, "/healthz", .inline { _ in
            HTTPResponse(status: 200, contentType: "application/json", body: healthy)
        })
        // Readiness: a reader answers and writes can succeed, said within 2 s (ReadinessCheck).
        let ready = Array(#"{"status":"ready","checks":{"storage":"ok"}}"#.utf8)
        let readiness = ReadinessCheck(storage: storage)
        router.add(.get, "/readyz", .async { _ in
            switch await readiness.run() {
            case .ready:
                return HTTPResponse(status: 200, contentType: "application/json", body: ready)
            case .notReady(let reason):
                var response = HTTPResponse(status: 503, contentType: "application/json", body: Array(
                    #"{"status":"unavailable","checks":{"storage":\#(JSONText.quote(reason))}}"#.utf8))
                response.headers.append(name: "Retry-After", value: "5")
                return response
            }
        })
        router.add(.get, "/metrics", .inline { _ in
            HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                         body: Array(metrics.render().utf8))
        })
    }
}
