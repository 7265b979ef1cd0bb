#if canImport(Glibc)
import Glibc
#endif
import HTTP
import Synchronization

/// The structured access log: one JSON object per line per answered request, with
/// time, request id, method, path (never the query: filters carry personal data),
/// status, bytes, duration and the tenant when known. Never headers or bodies.
///
/// Lines are buffered and written by ``flush()``, which the server calls a few times a
/// second and at shutdown, so logging costs no system call per request.
public final class AccessLog: Sendable {
    private let descriptor: Int32
    private let buffer = Mutex<[UInt8]>([])
    /// Bytes buffered before a write is forced. Default 64 KiB.
    public let flushThreshold: Int

    /// A log written to the file descriptor `descriptor` (1 is standard output).
    public init(descriptor: Int32 = 1, flushThreshold: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.flushThreshold = flushThreshold
    }

    /// Appends the line for `record`.
    public func record(_ record: HTTPAccessRecord) {
        let line = Self.line(for: record)
        let full = buffer.withLock { buffer -> [UInt8]? in
            buffer.append(contentsOf: line.utf8)
            guard buffer.count >= flushThreshold else { return nil }
            let pending = buffer
            buffer.removeAll(keepingCapacity: true)
            return pending
        }
        if let full { write(full) }
    }

    /// Writes what is buffered.
    public func flush() {
        let pending = buffer.withLock { buffer -> [UInt8] in
            let pending = buffer
            buffer.removeAll(keepingCapacity: true)
            return pending
        }
        if !pending.isEmpty { write(pending) }
    }

    /// The JSON line for one record, ending in a newline.
    static func line(for record: HTTPAccessRecord) -> String {
        var line = "{\"time\":\"\(Timestamp.iso8601(epochSeconds: record.startedAt))\""
        line += ",\"requestId\":\(JSONText.quote(record.requestID))"
        line += ",\"method\":\(JSONText.quote(record.method.description))"
        line += ",\"path\":\(JSONText.quote(record.path))"
        if !record.route.isEmpty { line += ",\"route\":\(JSONText.quote(record.route))" }
        line += ",\"status\":\(record.status),\"bytes\":\(record.bytes)"
        line += ",\"durationMs\":\(Double(Int(record.duration * 1_000_000)) / 1000)"
        for (key, value) in record.fields { line += ",\(JSONText.quote(key)):\(JSONText.quote(value))" }
        return line + "}\n"
    }

    private func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
