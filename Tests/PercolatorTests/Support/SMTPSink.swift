import Foundation
import TestSupport

/// A real SMTP server for the SMTP client tests: `scripts/smtp-sink.py` (Python's
/// aiosmtpd, which `scripts/test.sh` installs) started as a child process on a free
/// loopback port. It writes each message it accepts as one JSON line to a file in a
/// temporary folder. ``with(_:_:)`` always stops it, however the test ends.
final class SMTPSink: @unchecked Sendable {
    /// One message as the server received it; see `handle_DATA` in the script.
    struct ReceivedEmail: Decodable, Sendable {
        var mailFrom: String
        var mailOptions: [String]
        var rcptTos: [String]
        var helo: String?
        var authenticated: Bool
        /// The content as received, dot-stuffing already undone by the server.
        var raw: String
        /// The headers and body as Python's `email` package decodes them.
        var subject: String
        var messageId: String
        var from: String
        var to: String
        var date: String
        var transferEncoding: String
        /// The text: the whole body, or a multipart message's `text/plain` part.
        var body: String
        /// The top-level media type (`text/plain`, `multipart/mixed`).
        var contentType: String
        /// A multipart message's leaf parts, depth first; empty for a single part.
        var parts: [Part]
        /// A multipart message's media types, depth first, multiparts included
        /// (`multipart/mixed`, `multipart/alternative`, `text/plain`…); empty for a single part.
        var structure: [String]
        /// What Python's parser found malformed in the MIME structure; empty when sane.
        var defects: [String]
    }

    /// One part of a multipart message, decoded.
    struct Part: Decodable, Sendable {
        var contentType: String
        var charset: String?
        /// The `method` parameter (`REQUEST` for an iCalendar invitation).
        var method: String?
        var filename: String?
        var transferEncoding: String
        var content: String
    }

    /// The sink did not say READY in time, or failed; holds what it wrote on stderr.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/smtp-sink.py")

    /// The port it listens on, on 127.0.0.1.
    let port: Int
    private let process: ChildProcess
    private let directory: URL

    private init(port: Int, process: ChildProcess, directory: URL) {
        self.port = port
        self.process = process
        self.directory = directory
    }

    /// Starts a sink with the script's `options` (`--rcpt-reply transient`, `--auth u:p`…),
    /// runs `body`, then stops the sink, whether `body` returned or threw.
    static func with<Value>(_ options: [String] = [], _ body: (SMTPSink) async throws -> Value) async throws -> Value {
        let sink = try await onOwnThread { start(options: options) }.get()
        do {
            let value = try await body(sink)
            await sink.stop()
            return value
        } catch {
            await sink.stop()
            throw error
        }
    }

    /// The messages received so far, oldest first.
    func messages() throws -> [ReceivedEmail] {
        let file = directory.appendingPathComponent("messages.jsonl")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        // The sink appends one line per message while this reads: a last line without its
        // newline is still being written (a large message takes several writes) and is
        // read on the next call, not decoded half-written.
        var text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        if let end = text.lastIndex(of: "\n") { text = String(text[...end]) } else { text = "" }
        return try text.split(separator: "\n")
            .map { try decoder.decode(ReceivedEmail.self, from: Data($0.utf8)) }
    }

    /// Launches the script and waits, at most 20 s, for its `READY <port>` line. Blocking.
    private static func start(options: [String]) -> Result<SMTPSink, StartFailure> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        let log = directory.appendingPathComponent("stderr.log")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                return .failure(StartFailure(description: "cannot create \(log.path)"))
            }
        } catch {
            return .failure(StartFailure(description: "cannot create \(directory.path): \(error)"))
        }
        let process: ChildProcess
        do {
            process = try ChildProcess("/usr/bin/env",
                                       ["python3", script.path, "--port", "0", "--output",
                                        directory.appendingPathComponent("messages.jsonl").path] + options,
                                       standardInput: .pipe, standardOutput: .pipe, standardError: .file(log.path))
        } catch {
            return .failure(StartFailure(description: "cannot run python3: \(error)"))
        }
        let sink = readyPort(process.standardOutput ?? -1, within: .seconds(20)).map {
            SMTPSink(port: $0, process: process, directory: directory)
        }
        guard let sink else {
            terminate(process)
            let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: directory)
            return .failure(StartFailure(description: "smtp-sink.py did not become ready (is aiosmtpd installed?): \(errors)"))
        }
        return .success(sink)
    }

    /// The port in the first `READY <port>` line read from `descriptor` before `timeout`.
    private static func readyPort(_ descriptor: Int32, within timeout: Duration) -> Int? {
        let deadline = ContinuousClock.now + timeout
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 256)
        while ContinuousClock.now < deadline {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 200) >= 0 else { return nil }
            if request.revents == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                return Int(line.dropFirst("READY ".count))
            }
        }
        return nil
    }

    /// Stops the sink (stdin closed, SIGTERM, SIGKILL after 5 s) and removes its folder.
    func stop() async {
        await onOwnThread { [self] in Self.terminate(process) }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func terminate(_ process: ChildProcess) {
        process.closeStandardInput()
        process.signal(SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { process.signal(SIGKILL) }
        process.waitForExit()
    }
}
