import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the credential encryption key comes from: a file (created on first start,
/// mode 0600, when missing) or an environment variable.
///
/// Text forms: 32 bytes as base64 (44 characters) or as 64 hex digits, surrounding
/// whitespace ignored; a file may also hold the 32 raw bytes.
///
/// ```swift
/// let key = try EncryptionKeyProvider.file("/var/lib/percolator/credentials.key",
///                                          createIfMissing: true).load()
/// let cipher = CredentialCipher(key: key)
/// ```
public enum EncryptionKeyProvider: Sendable, Equatable {
    /// A key file; when `createIfMissing`, a missing file is created with a new random
    /// key, readable and writable by its owner only.
    case file(String, createIfMissing: Bool)
    /// An environment variable holding the key's text form.
    case environment(String)

    /// The key. Throws an ``EncryptionKeyError`` that names the file or variable.
    public func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EncryptionKeyError) -> EncryptionKey {
        switch self {
        case .environment(let name):
            guard let text = environment[name], !text.isEmpty else { throw .missingEnvironmentVariable(name) }
            return try Self.parse(Array(text.utf8), origin: "the environment variable \(name)", allowsRaw: false)
        case .file(let path, let createIfMissing):
            if createIfMissing, !FileManager.default.fileExists(atPath: path) {
                if let created = try Self.create(path: path) { return created }
            }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .unreadableFile(path: path, reason: Self.reason(error))
            }
            return try Self.parse(Array(data), origin: "the key file \(path)", allowsRaw: true)
        }
    }

    /// Parses a key's text (or, when `allowsRaw`, its raw bytes).
    static func parse(_ bytes: [UInt8], origin: String, allowsRaw: Bool) throws(EncryptionKeyError) -> EncryptionKey {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == 64, let decoded = hexBytes(text) {
            return try key(decoded, origin: origin)
        }
        let decoded = Data(base64Encoded: text).map(Array.init)
        if let decoded, decoded.count == EncryptionKey.byteCount {
            return try key(decoded, origin: origin)
        }
        if allowsRaw, bytes.count == EncryptionKey.byteCount {
            return try key(bytes, origin: origin)
        }
        if let decoded {
            throw .malformedKey(origin: origin, reason: "its base64 decodes to \(decoded.count) bytes")
        }
        throw .malformedKey(origin: origin, reason: "it is neither base64 nor 64 hex digits (\(bytes.count) bytes)")
    }

    private static func key(_ bytes: [UInt8], origin: String) throws(EncryptionKeyError) -> EncryptionKey {
        do {
            return try EncryptionKey(bytes: bytes)
        } catch {
            throw .malformedKey(origin: origin, reason: "it decodes to \(bytes.count) bytes")
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for scalar in text.utf8 {
            let nibble: UInt8
            switch scalar {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = scalar - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = scalar - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = scalar - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let value = high {
                bytes.append(value << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? bytes : nil
    }

    /// Creates `path` exclusively with mode 0600 and a new key in base64. Returns `nil`
    /// when another process created it first (the caller then reads that one).
    private static func create(path: String) throws(EncryptionKeyError) -> EncryptionKey? {
        let key: EncryptionKey
        do { key = try EncryptionKey.generate() } catch { throw .randomUnavailable }
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return nil }
            throw .uncreatableFile(path: path, reason: String(cString: strerror(code)))
        }
        defer { _ = Glibc.close(descriptor) }
        let text = Array((Data(key.bytes).base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = unlink(path)
            throw .uncreatableFile(path: path, reason: reason)
        }
        return key
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
