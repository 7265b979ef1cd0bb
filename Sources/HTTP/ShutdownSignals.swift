#if canImport(Glibc)
import Glibc
#endif
import CLinuxShim

/// SIGTERM and SIGINT as an awaitable event, for graceful shutdown.
///
/// ``block()`` installs handlers that write the signal to a pipe (whichever thread the
/// kernel picks); ``next()`` reads that pipe on a dedicated thread.
public enum ShutdownSignals {
    /// Catches SIGINT and SIGTERM for ``next()``, and ignores SIGPIPE (a write to a
    /// closed peer then fails with EPIPE).
    public static func block() {
        percolator_ignore_sigpipe()
        _ = percolator_block_shutdown_signals()
    }

    /// Waits on a dedicated thread for SIGINT or SIGTERM and returns its number.
    public static func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            do {
                try LoopThread.start { continuation.resume(returning: percolator_wait_shutdown_signal()) }
            } catch {
                continuation.resume(returning: -1)
            }
        }
    }
}
