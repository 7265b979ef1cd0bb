import HTTP
import Store
import Synchronization

/// Request counters, a latency histogram per route and the open-connection gauge,
/// rendered in the Prometheus text exposition format (version 0.0.4).
public final class Metrics: Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds.
    public static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct RouteKey: Hashable {
        var method: String
        var route: String
    }

    private struct Histogram {
        var buckets = [UInt64](repeating: 0, count: Metrics.latencyBuckets.count)
        var count: UInt64 = 0
        var sum: Double = 0
    }

    private struct State {
        var requests: [RouteKey: [Int: UInt64]] = [:]
        var latency: [RouteKey: Histogram] = [:]
    }

    private let state = Mutex(State())
    private let openConnections: @Sendable () -> Int
    private let writeStatistics: @Sendable () -> WriteStatistics?

    /// Metrics whose connection gauge reads `openConnections`, and whose storage writer
    /// series read `writeStatistics` (none when it gives `nil`).
    public init(openConnections: @escaping @Sendable () -> Int = { 0 },
                writeStatistics: @escaping @Sendable () -> WriteStatistics? = { nil }) {
        self.openConnections = openConnections
        self.writeStatistics = writeStatistics
    }

    /// Counts one answered request.
    public func record(_ record: HTTPAccessRecord) {
        let key = RouteKey(method: Self.label(for: record.method), route: record.route.isEmpty ? "unmatched" : record.route)
        let bucket = Metrics.latencyBuckets.firstIndex { record.duration <= $0 }
        state.withLock { state in
            state.requests[key, default: [:]][record.status, default: 0] += 1
            var histogram = state.latency[key] ?? Histogram()
            if let bucket { histogram.buckets[bucket] += 1 }
            histogram.count += 1
            histogram.sum += record.duration
            state.latency[key] = histogram
        }
    }

    /// The exposition text.
    public func render() -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP percolator_http_requests_total HTTP requests answered, by route and status.")
        lines.append("# TYPE percolator_http_requests_total counter")
        for key in snapshot.requests.keys.sorted(by: Self.order) {
            for (status, count) in (snapshot.requests[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("percolator_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(status)\"} \(count)")
            }
        }
        lines.append("# HELP percolator_http_request_duration_seconds Time from a complete request head to the queued response.")
        lines.append("# TYPE percolator_http_request_duration_seconds histogram")
        for key in snapshot.latency.keys.sorted(by: Self.order) {
            guard let histogram = snapshot.latency[key] else { continue }
            let labels = "method=\"\(key.method)\",route=\"\(Self.escape(key.route))\""
            var cumulative: UInt64 = 0
            for (index, bound) in Metrics.latencyBuckets.enumerated() {
                cumulative += histogram.buckets[index]
                lines.append("percolator_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("percolator_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.count)")
            lines.append("percolator_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)")
            lines.append("percolator_http_request_duration_seconds_count{\(labels)} \(histogram.count)")
        }
        lines.append("# HELP percolator_http_open_connections Client connections open now.")
        lines.append("# TYPE percolator_http_open_connections gauge")
        lines.append("percolator_http_open_connections \(openConnections())")
        if let writes = writeStatistics() { Self.append(writes, to: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The group-commit writer's series: what bounds a write's rate (batch sizes, the
    /// commit's time against the body's) read by `scripts/bench-scim.sh`.
    private static func append(_ writes: WriteStatistics, to lines: inout [String]) {
        lines.append("# HELP percolator_store_write_transactions_total Write transactions committed or attempted by the group-commit writer.")
        lines.append("# TYPE percolator_store_write_transactions_total counter")
        lines.append("percolator_store_write_transactions_total \(writes.transactions)")
        lines.append("# HELP percolator_store_write_requests_total Write requests run in those transactions.")
        lines.append("# TYPE percolator_store_write_requests_total counter")
        lines.append("percolator_store_write_requests_total \(writes.requests)")
        lines.append("# HELP percolator_store_write_seconds_total Writer time by phase: handoff (to the writer thread), body (the requests' SQL), commit (COMMIT: its WAL write; the flush is percolator_store_wal_sync_seconds_total).")
        lines.append("# TYPE percolator_store_write_seconds_total counter")
        for (phase, nanoseconds) in [("handoff", writes.handoffNanoseconds), ("body", writes.bodyNanoseconds),
                                     ("commit", writes.commitNanoseconds)] {
            lines.append("percolator_store_write_seconds_total{phase=\"\(phase)\"} \(Double(nanoseconds) / 1e9)")
        }
        lines.append("# HELP percolator_store_write_cpu_seconds_total Of the body and commit phases, the time the writer's thread was on a core (its CPU clock): the rest it waited for a core, a lock or the disk.")
        lines.append("# TYPE percolator_store_write_cpu_seconds_total counter")
        for (phase, nanoseconds) in [("body", writes.bodyCPUNanoseconds), ("commit", writes.commitCPUNanoseconds)] {
            lines.append("percolator_store_write_cpu_seconds_total{phase=\"\(phase)\"} \(Double(nanoseconds) / 1e9)")
        }
        lines.append("# HELP percolator_store_wal_syncs_total Flushes of the log (fdatasync) off the writer, each answering every durable batch committed before it began.")
        lines.append("# TYPE percolator_store_wal_syncs_total counter")
        lines.append("percolator_store_wal_syncs_total \(writes.syncRounds)")
        lines.append("# HELP percolator_store_wal_sync_seconds_total The time those flushes took.")
        lines.append("# TYPE percolator_store_wal_sync_seconds_total counter")
        lines.append("percolator_store_wal_sync_seconds_total \(Double(writes.syncNanoseconds) / 1e9)")
        lines.append("# HELP percolator_store_wal_synced_requests_total The write requests those flushes answered.")
        lines.append("# TYPE percolator_store_wal_synced_requests_total counter")
        lines.append("percolator_store_wal_synced_requests_total \(writes.syncedRequests)")
        lines.append("# HELP percolator_store_write_wal_pages_total Pages those transactions wrote to the WAL.")
        lines.append("# TYPE percolator_store_write_wal_pages_total counter")
        lines.append("percolator_store_write_wal_pages_total \(writes.walPages)")
        lines.append("# HELP percolator_store_checkpoints_total WAL checkpoints: background (the checkpointer's own connection), writer (in a commit, the log past its high mark), failed (an error other than busy).")
        lines.append("# TYPE percolator_store_checkpoints_total counter")
        for (place, count) in [("background", writes.backgroundCheckpoints), ("writer", writes.writerCheckpoints),
                               ("failed", writes.failedCheckpoints)] {
            lines.append("percolator_store_checkpoints_total{ran=\"\(place)\"} \(count)")
        }
        lines.append("# HELP percolator_store_write_batches_total Write transactions by the number of requests they carried (lower bound).")
        lines.append("# TYPE percolator_store_write_batches_total counter")
        for (index, bound) in WriteStatistics.batchSizeBounds.enumerated() {
            lines.append("percolator_store_write_batches_total{size=\"\(bound)\"} \(writes.batchSizes[index])")
        }
    }

    /// The `method` label: a method the server knows, else `other`. Every label value
    /// comes from a closed set (methods, route patterns, statuses the server wrote), so a
    /// client cannot add series by inventing methods or paths.
    static func label(for method: HTTPMethod) -> String {
        if case .other = method { return "other" }
        return method.description
    }

    private static func order(_ lhs: RouteKey, _ rhs: RouteKey) -> Bool {
        (lhs.route, lhs.method) < (rhs.route, rhs.method)
    }

    private static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
