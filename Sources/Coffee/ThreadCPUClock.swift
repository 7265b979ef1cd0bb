#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`): read before and
/// after a stretch of work on one thread, the difference is the time that thread was on a
/// core; the rest of the wall time it waited (for a core, a lock or the disk). The
/// benchmarks time their phases with it, and the group-commit writer its transactions.
public enum ThreadCPUClock {
    /// The calling thread's CPU time so far, or `nil` where the clock is unavailable.
    public static func now() -> Duration? {
        #if canImport(Glibc)
        var spec = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec) == 0 else { return nil }
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
        #else
        return nil
        #endif
    }
}
