import Foundation
import TestSupport

/// The real `percolator` binary started as a child process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    private let arguments: [String]
    private let environment: [String: String]?
    private(set) var process: ChildProcess?
    private(set) var port: UInt16 = 0
    /// What the process wrote (standard output and error) up to its "listening" line.
    private(set) var startupOutput = ""

    /// The executable next to the test bundle (both are built by `swift build --build-tests`).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("percolator")
    }

    init(arguments: [String], environment: [String: String] = [:]) {
        self.arguments = ["serve", "--port", "0", "--event-loops", "1"] + arguments
        self.environment = environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }

    /// Starts the process and reads its "listening" line to learn the port.
    func start() async throws {
        let process = try ChildProcess(Self.executable.path, arguments, environment: environment,
                                       standardOutput: .pipe, standardError: .standardOutput)
        self.process = process
        port = try await withCheckedThrowingContinuation { continuation in
            // Reads until the "listening" line, then drains what the server goes on writing
            // (its log) until it exits, so that a full pipe never blocks it.
            DispatchQueue(label: "server-process").async {
                let descriptor = process.standardOutput ?? -1
                var text = ""
                var resumed = false
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count == -1, errno == EINTR { continue }
                    if count <= 0 { break }
                    guard !resumed else { continue }
                    text += String(decoding: buffer[0..<count], as: UTF8.self)
                    if let range = text.range(of: #""port":""#) {
                        let digits = text[range.upperBound...].prefix { $0.isNumber }
                        if let port = UInt16(digits) {
                            self.startupOutput = text
                            continuation.resume(returning: port)
                            resumed = true
                        }
                    }
                }
                if !resumed { continuation.resume(throwing: CocoaError(.fileReadUnknown)) }
            }
        }
    }

    /// Sends `signal` and waits for the exit status.
    func stop(signal: Int32 = SIGTERM) async -> Int32 {
        guard let process else { return -1 }
        process.signal(signal)
        return await withCheckedContinuation { continuation in
            DispatchQueue(label: "server-process").async {
                continuation.resume(returning: process.waitForExit())
            }
        }
    }
}
