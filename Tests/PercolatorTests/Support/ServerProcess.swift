import Foundation

/// The real `percolator` binary started as a child process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let output = Pipe()
    private(set) var port: UInt16 = 0

    /// The executable next to the test bundle (both are built by `swift build --build-tests`).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("percolator")
    }

    init(arguments: [String], environment: [String: String] = [:]) {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--event-loops", "1"] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = output
        process.standardError = output
    }

    /// Starts the process and reads its "listening" line to learn the port.
    func start() async throws {
        try process.run()
        let handle = output.fileHandleForReading
        port = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "server-process").async {
                var text = ""
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                    if let range = text.range(of: #""port":""#) {
                        let digits = text[range.upperBound...].prefix { $0.isNumber }
                        if let port = UInt16(digits) {
                            continuation.resume(returning: port)
                            return
                        }
                    }
                }
                continuation.resume(throwing: CocoaError(.fileReadUnknown))
            }
        }
    }

    /// Sends `signal` and waits for the exit status.
    func stop(signal: Int32 = SIGTERM) async -> Int32 {
        kill(process.processIdentifier, signal)
        return await withCheckedContinuation { continuation in
            DispatchQueue(label: "server-process").async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}
