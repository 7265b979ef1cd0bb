import Foundation
import Synchronization

/// Runs the real `curl` binary, off the concurrency pool, and returns its output.
public enum Curl {
    /// What curl printed and how it exited.
    public struct Result: Sendable {
        public var exitCode: Int32
        public var output: String
        public var errorOutput: String
    }

    /// Runs `curl --silent --show-error --max-time 30 ARGUMENTS`.
    public static func run(_ arguments: [String]) async throws -> Result {
        let process = try ChildProcess("/usr/bin/env", ["curl", "--silent", "--show-error", "--max-time", "30"] + arguments,
                                       standardOutput: .pipe, standardError: .pipe)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                // Standard error is read on a thread of its own, so that neither pipe fills.
                let errors = Mutex<[UInt8]>([])
                let errorsRead = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    let bytes = process.standardError.map(ChildProcess.readToEnd) ?? []
                    errors.withLock { $0 = bytes }
                    errorsRead.signal()
                }
                let output = process.standardOutput.map(ChildProcess.readToEnd) ?? []
                errorsRead.wait()
                let status = process.waitForExit()
                continuation.resume(returning: Result(exitCode: status, output: String(decoding: output, as: UTF8.self),
                                                      errorOutput: String(decoding: errors.withLock { $0 }, as: UTF8.self)))
            }
        }
    }
}
