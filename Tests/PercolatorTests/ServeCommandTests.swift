import Foundation
import Testing
import TestSupport

@Suite("percolator serve as a child process")
struct ServeCommandTests {
    @Test("serve answers /healthz and exits 0 on SIGTERM")
    func sigterm() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = ServerProcess(arguments: ["--database", directory.appendingPathComponent("db.sqlite").path])
        try await server.start()
        let client = try RawClient(port: server.port)
        try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
        #expect(await server.stop(signal: SIGTERM) == 0)
    }

    @Test("serve exits 0 on SIGINT too")
    func sigint() async throws {
        let server = ServerProcess(arguments: ["--access-log", "off"])
        try await server.start()
        #expect(await server.stop(signal: SIGINT) == 0)
    }

    @Test("a bad flag exits 64 with a message")
    func badFlag() async throws {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["serve", "--no-such-flag"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("unknown option '--no-such-flag'"))
    }
}
