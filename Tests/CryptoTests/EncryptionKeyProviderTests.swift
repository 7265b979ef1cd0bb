import Foundation
import Testing
@testable import Crypto

@Suite("Encryption key provider — a key file (created 0600) or an environment variable")
struct EncryptionKeyProviderTests {
    private static let keyBytes = Array(UInt8(0)..<32)
    private static let base64 = Data(keyBytes).base64EncodedString()
    private static let hex = keyBytes.map { String(format: "%02x", $0) }.joined()

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("an environment variable holds the key as base64 or hex, whitespace ignored", arguments: [
        base64, hex, hex.uppercased(), "  \(base64)\n",
    ])
    func environmentForms(text: String) throws {
        let key = try EncryptionKeyProvider.environment("KEY").load(environment: ["KEY": text])
        #expect(key.bytes == Self.keyBytes)
    }

    @Test("a missing or malformed variable is a clear error naming it, never its content", arguments: [
        ([String: String](), EncryptionKeyError.missingEnvironmentVariable("KEY")),
        (["KEY": ""], .missingEnvironmentVariable("KEY")),
        (["KEY": Data(Array(0..<16)).base64EncodedString()],
         .malformedKey(origin: "the environment variable KEY", reason: "its base64 decodes to 16 bytes")),
        (["KEY": "correct horse battery staple"],
         .malformedKey(origin: "the environment variable KEY", reason: "it is neither base64 nor 64 hex digits (28 bytes)")),
    ])
    func environmentErrors(environment: [String: String], expected: EncryptionKeyError) {
        #expect(throws: expected) { try EncryptionKeyProvider.environment("KEY").load(environment: environment) }
        #expect(!expected.description.contains("horse"))
    }

    @Test("a missing key file is created once, mode 0600, and read back the same afterwards")
    func createdOnFirstStart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("credentials.key").path
        let created = try EncryptionKeyProvider.file(path, createIfMissing: true).load()
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try EncryptionKeyProvider.file(path, createIfMissing: true).load() == created)
        #expect(try EncryptionKeyProvider.file(path, createIfMissing: false).load() == created)
    }

    @Test("a key file may hold the key as text or as 32 raw bytes")
    func fileForms() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in [("text", Data((Self.base64 + "\n").utf8)), ("hex", Data(Self.hex.utf8)), ("raw", Data(Self.keyBytes))] {
            let url = directory.appendingPathComponent(name)
            try content.write(to: url)
            #expect(try EncryptionKeyProvider.file(url.path, createIfMissing: false).load().bytes == Self.keyBytes, "\(name)")
        }
    }

    @Test("a missing file without creation, or a short one, is a clear error naming the file")
    func fileErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("absent.key").path
        let error = #expect(throws: EncryptionKeyError.self) { try EncryptionKeyProvider.file(missing, createIfMissing: false).load() }
        guard case .unreadableFile(let path, _)? = error else {
            Issue.record("expected unreadableFile, got \(String(describing: error))")
            return
        }
        #expect(path == missing)
        let short = directory.appendingPathComponent("short.key")
        try Data(Array(0..<31)).write(to: short)
        #expect(throws: EncryptionKeyError.malformedKey(
            origin: "the key file \(short.path)", reason: "it is neither base64 nor 64 hex digits (31 bytes)")) {
            try EncryptionKeyProvider.file(short.path, createIfMissing: false).load()
        }
        let inMissingDirectory = directory.appendingPathComponent("no/such/dir/key").path
        let creation = #expect(throws: EncryptionKeyError.self) {
            try EncryptionKeyProvider.file(inMissingDirectory, createIfMissing: true).load()
        }
        guard case .uncreatableFile? = creation else {
            Issue.record("expected uncreatableFile, got \(String(describing: creation))")
            return
        }
    }
}
