import HTTP
import Testing
@testable import Percolator
import Store

@Suite("Access log and metrics")
struct OperabilityTests {
    static func record(status: Int = 200, route: String = "/scim/v2/Users/{id}", duration: Double = 0.003) -> HTTPAccessRecord {
        HTTPAccessRecord(startedAt: 1_764_000_000.25, requestID: "abc", method: .get, path: "/scim/v2/Users/1",
                         route: route, status: status, bytes: 42, duration: duration, fields: [("tenant", "t1")])
    }

    @Test("an access log line is one JSON object with the documented fields and no query")
    func accessLogLine() {
        let line = AccessLog.line(for: Self.record())
        #expect(line == #"{"time":"2025-11-24T16:00:00.250Z","requestId":"abc","method":"GET","path":"/scim/v2/Users/1","route":"/scim/v2/Users/{id}","status":200,"bytes":42,"durationMs":3.0,"tenant":"t1"}"# + "\n")
    }

    @Test("strings in the log are JSON-escaped")
    func escaping() {
        #expect(JSONText.quote("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    }

    @Test("metrics count requests by route and status and fill the histogram")
    func metrics() {
        let metrics = Metrics(openConnections: { 3 })
        metrics.record(Self.record())
        metrics.record(Self.record(status: 404, route: "", duration: 0.2))
        let text = metrics.render()
        #expect(text.contains(#"percolator_http_requests_total{method="GET",route="/scim/v2/Users/{id}",status="200"} 1"#))
        #expect(text.contains(#"percolator_http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(text.contains(#"percolator_http_request_duration_seconds_bucket{method="GET",route="/scim/v2/Users/{id}",le="0.005"} 1"#))
        #expect(text.contains(#"percolator_http_request_duration_seconds_bucket{method="GET",route="/scim/v2/Users/{id}",le="0.0025"} 0"#))
        #expect(text.contains(#"percolator_http_request_duration_seconds_count{method="GET",route="unmatched"} 1"#))
        #expect(text.contains("percolator_http_open_connections 3"))
    }

    @Test("metrics carry the group-commit writer's transactions, requests, phase times, batch sizes, WAL pages and checkpoints when the store has one")
    func writerMetrics() {
        var writes = WriteStatistics()
        writes.transactions = 4
        writes.requests = 30
        writes.commitNanoseconds = 1_500_000_000
        writes.batchSizes[3] = 4
        writes.walPages = 270
        writes.backgroundCheckpoints = 12
        writes.failedCheckpoints = 1
        let snapshot = writes
        let text = Metrics(writeStatistics: { snapshot }).render()
        #expect(text.contains("percolator_store_write_transactions_total 4\n"))
        #expect(text.contains("percolator_store_write_requests_total 30\n"))
        #expect(text.contains(#"percolator_store_write_seconds_total{phase="commit"} 1.5"#))
        #expect(text.contains(#"percolator_store_write_batches_total{size="8"} 4"#))
        #expect(text.contains("percolator_store_write_wal_pages_total 270\n"))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="background"} 12"#))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="writer"} 0"#))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="failed"} 1"#))
        #expect(!Metrics().render().contains("percolator_store_write"), "no writer, no series")
    }
}
