#if canImport(Glibc)
import Glibc
#endif
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
        writes.commitCPUNanoseconds = 250_000_000
        writes.syncRounds = 3
        writes.syncNanoseconds = 2_000_000
        writes.syncedRequests = 28
        writes.batchSizes[3] = 4
        writes.walPages = 270
        writes.backgroundCheckpoints = 12
        writes.failedCheckpoints = 1
        let snapshot = writes
        let text = Metrics(writeStatistics: { snapshot }).render()
        #expect(text.contains("percolator_store_write_transactions_total 4\n"))
        #expect(text.contains("percolator_store_write_requests_total 30\n"))
        #expect(text.contains(#"percolator_store_write_seconds_total{phase="commit"} 1.5"#))
        #expect(text.contains(#"percolator_store_write_cpu_seconds_total{phase="commit"} 0.25"#))
        #expect(text.contains(#"percolator_store_write_cpu_seconds_total{phase="body"} 0.0"#))
        #expect(text.contains("percolator_store_wal_syncs_total 3\n"))
        #expect(text.contains("percolator_store_wal_sync_seconds_total 0.002\n"))
        #expect(text.contains("percolator_store_wal_synced_requests_total 28\n"))
        #expect(text.contains(#"percolator_store_write_batches_total{size="8"} 4"#))
        #expect(text.contains("percolator_store_write_wal_pages_total 270\n"))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="background"} 12"#))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="writer"} 0"#))
        #expect(text.contains(#"percolator_store_checkpoints_total{ran="failed"} 1"#))
        #expect(!Metrics().render().contains("percolator_store_write"), "no writer, no series")
    }

    @Test("the access log formats its line byte by byte exactly as it did with strings: escapes, times, durations")
    func accessLogBytesMatchStringFormatting() {
        // The String formatting the access log used before (issue 10, request path CPU),
        // with the quoting and the timestamp it used then, written out here: JSONText.quote
        // and Timestamp.iso8601 now write through the byte writers the log uses.
        func quote(_ value: String) -> String {
            var result = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }
        func timestamp(_ epochSeconds: Double) -> String {
            var time = time_t(epochSeconds.rounded(.down))
            let milliseconds = Int((epochSeconds - epochSeconds.rounded(.down)) * 1000)
            var parts = tm()
            gmtime_r(&time, &parts)
            func pad(_ value: Int, _ width: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
                + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
        }
        func reference(_ record: HTTPAccessRecord) -> String {
            var line = "{\"time\":\"\(timestamp(record.startedAt))\""
            line += ",\"requestId\":\(quote(record.requestID))"
            line += ",\"method\":\(quote(record.method.description))"
            line += ",\"path\":\(quote(record.path))"
            if !record.route.isEmpty { line += ",\"route\":\(quote(record.route))" }
            line += ",\"status\":\(record.status),\"bytes\":\(record.bytes)"
            line += ",\"durationMs\":\(Double(Int(record.duration * 1_000_000)) / 1000)"
            for (key, value) in record.fields { line += ",\(quote(key)):\(quote(value))" }
            return line + "}\n"
        }
        let texts = ["abc", "", "/scim/v2/Users/é", "a\"b\\c\n\r\t\u{1}\u{1f}\u{7f} end", "日本 🙂", "x-\u{0}"]
        let times = [0, 1_764_000_000.25, 1_764_000_000.999, 1_764_086_399.0005, 253_402_300_799.5]
        let durations = [0, 0.000_000_4, 0.000_001, 0.000_999, 0.001, 0.003, 0.0125, 0.123_456, 1.5, 12.345_678, 3_600.25, 259_200]
        for text in texts {
            for (index, time) in times.enumerated() {
                let record = HTTPAccessRecord(
                    startedAt: time, requestID: text, method: index % 2 == 0 ? .post : .other(text), path: text,
                    route: index % 3 == 0 ? "" : text, status: [200, 0, 404, 999, 201][index], bytes: index * 997,
                    duration: durations[(index * 7 + text.count) % durations.count], fields: [("tenant", text), (text, "v")])
                #expect(AccessLog.line(for: record) == reference(record))
            }
        }
        for duration in durations {
            let record = HTTPAccessRecord(startedAt: 1_764_000_000.25, requestID: "r", method: .get, path: "/",
                                          route: "", status: 200, bytes: 0, duration: duration)
            #expect(AccessLog.line(for: record) == reference(record))
        }
        let mismatches = stride(from: 0, to: 3_000_000, by: 13).filter { microseconds in
            var bytes: [UInt8] = []
            AccessLog.appendMilliseconds(microseconds: microseconds, to: &bytes)
            return String(decoding: bytes, as: UTF8.self) != "\(Double(microseconds) / 1000)"
        }
        #expect(mismatches.isEmpty)
    }
}
