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
/// second and at shutdown, so logging costs no system call per request; each is
/// formatted byte by byte into the buffer, with no `String` built per field.
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

    /// Appends the line for `record`, formatted straight into the buffer (no `String`
    /// per field; the lock is held for the formatting, a microsecond).
    public func record(_ record: HTTPAccessRecord) {
        let full = buffer.withLock { buffer -> [UInt8]? in
            Self.appendLine(for: record, to: &buffer)
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
        var bytes: [UInt8] = []
        appendLine(for: record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON line for `record`, ending in a newline, to `out`.
    static func appendLine(for record: HTTPAccessRecord, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"time":""#.utf8)
        Timestamp.appendISO8601(epochSeconds: record.startedAt, to: &out)
        out.append(contentsOf: #"","requestId":"#.utf8)
        JSONText.appendQuoted(record.requestID, to: &out)
        out.append(contentsOf: #","method":"#.utf8)
        JSONText.appendQuoted(record.method.description, to: &out)
        out.append(contentsOf: #","path":"#.utf8)
        JSONText.appendQuoted(record.path, to: &out)
        if !record.route.isEmpty {
            out.append(contentsOf: #","route":"#.utf8)
            JSONText.appendQuoted(record.route, to: &out)
        }
        out.append(contentsOf: #","status":"#.utf8)
        JSONText.appendDecimal(record.status, to: &out)
        out.append(contentsOf: #","bytes":"#.utf8)
        JSONText.appendDecimal(record.bytes, to: &out)
        out.append(contentsOf: #","durationMs":"#.utf8)
        appendMilliseconds(microseconds: Int(record.duration * 1_000_000), to: &out)
        for (key, value) in record.fields {
            out.append(UInt8(ascii: ","))
            JSONText.appendQuoted(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(value, to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// `microseconds` in milliseconds as `Double(microseconds) / 1000` prints itself
    /// (`3.0`, `0.123`, `12.35`): the shortest decimal of at most three places, at least one.
    static func appendMilliseconds(microseconds: Int, to out: inout [UInt8]) {
        guard microseconds >= 0, microseconds < 1_000_000_000_000 else {
            out.append(contentsOf: "\(Double(microseconds) / 1000)".utf8)
            return
        }
        JSONText.appendDecimal(microseconds / 1000, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = microseconds % 1000
        var digits = 3
        while digits > 1, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        JSONText.appendDecimal(fraction, minimumDigits: digits, to: &out)
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
