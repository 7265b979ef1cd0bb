#if canImport(Glibc)
import Glibc
#endif

/// RFC 3339 timestamps in UTC with millisecond precision, e.g. `2026-11-24T20:00:00.123Z`.
enum Timestamp {
    static func iso8601(epochSeconds: Double) -> String {
        text { appendISO8601(epochSeconds: epochSeconds, to: &$0) }
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z, in the same form.
    static func iso8601(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        return text { append(seconds: time_t(seconds), milliseconds: Int(milliseconds - seconds * 1000), to: &$0) }
    }

    /// Appends `epochSeconds` in the same form as ``iso8601(epochSeconds:)`` to `out`,
    /// without building strings (the access log, once per request).
    static func appendISO8601(epochSeconds: Double, to out: inout [UInt8]) {
        append(seconds: time_t(epochSeconds.rounded(.down)),
               milliseconds: Int((epochSeconds - epochSeconds.rounded(.down)) * 1000), to: &out)
    }

    /// The text `write` appends to an empty buffer.
    private static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `seconds` since the epoch, plus `milliseconds` (0–999), as
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    private static func append(seconds: time_t, milliseconds: Int, to out: inout [UInt8]) {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        func digits(_ value: Int, _ width: Int) { JSONText.appendDecimal(value, minimumDigits: width, to: &out) }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        out.append(UInt8(ascii: "Z"))
    }

    /// Now, in the same form.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return iso8601(epochSeconds: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }
}
