import Foundation

/// Runs blocking work (an SMTP conversation, waiting for a child process) on a thread
/// of its own, as the outbox will, so it never holds one of the few threads of the
/// Swift concurrency pool that the other tests share.
func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.start()
    }
}
