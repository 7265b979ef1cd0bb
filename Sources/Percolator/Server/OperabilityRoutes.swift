import HTTP

/// `/healthz`, `/readyz` and `/metrics`: answered inline on the event loop, with no
/// authentication (bind them to a private network or filter them at the proxy).
enum OperabilityRoutes {
    static func register(on router: inout Router, metrics: Metrics) {
        // Liveness: the process answers HTTP.
        let healthy = Array(#"{"status":"ok"}"#.utf8)
        router.add(.get, "/healthz", .inline { _ in
            HTTPResponse(status: 200, contentType: "application/json", body: healthy)
        })
        // Readiness: every dependency is reachable. There is no storage yet, so it is
        // the same as liveness until the store is wired in.
        let ready = Array(#"{"status":"ready","checks":{}}"#.utf8)
        router.add(.get, "/readyz", .inline { _ in
            HTTPResponse(status: 200, contentType: "application/json", body: ready)
        })
        router.add(.get, "/metrics", .inline { _ in
            HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                         body: Array(metrics.render().utf8))
        })
    }
}
