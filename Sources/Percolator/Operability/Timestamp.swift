#if canImport(Glibc)
import Glibc
#endif

/// RFC 3339 timestamps in UTC with millisecond precision, e.g. `2026-11-24T20:00:00.123Z`.
enum Timestamp {
    static func iso8601(epochSeconds: Double) -> String {
        format(seconds: time_t(epochSeconds.rounded(.down)),
               milliseconds: Int((epochSeconds - epochSeconds.rounded(.down)) * 1000))
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z, in the same form.
    static func iso8601(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        return format(seconds: time_t(seconds), milliseconds: Int(milliseconds - seconds * 1000))
    }

    /// `seconds` since the epoch, plus `milliseconds` (0–999), as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    private static func format(seconds: time_t, milliseconds: Int) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }

    /// Appends `epochSeconds` in the same form as ``iso8601(epochSeconds:)`` to `out`,
    /// without building strings (the access log, once per request).
    static func appendISO8601(epochSeconds: Double, to out: inout [UInt8]) {
        var time = time_t(epochSeconds.rounded(.down))
        let milliseconds = Int((epochSeconds - epochSeconds.rounded(.down)) * 1000)
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
