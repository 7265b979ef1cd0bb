#if canImport(Glibc)
import Glibc
#endif

/// The `Date` field value in IMF-fixdate form (RFC 9110 §5.6.7), cached per second.
struct HTTPDate {
    private var second: Int = -1
    private var cached = ""

    /// The current date, formatted at most once per second.
    mutating func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let current = Int(spec.tv_sec)
        if current != second {
            second = current
            cached = Self.format(epochSeconds: current)
        }
        return cached
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for the given instant.
    static func format(epochSeconds: Int) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
