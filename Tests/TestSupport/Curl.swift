import Foundation

/// Runs the real `curl` binary, off the concurrency pool, and returns its output.
public enum Curl {
    /// What curl printed and how it exited.
    public struct Result: Sendable {
        public var exitCode: Int32
        public var output: String
        public var errorOutput: String
    }

    /// Runs `curl --silent --show-error --max-time 10 ARGUMENTS`.
    public static func run(_ arguments: [String]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--silent", "--show-error", "--max-time", "30"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: Result(exitCode: process.terminationStatus, output: out, errorOutput: err))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}
