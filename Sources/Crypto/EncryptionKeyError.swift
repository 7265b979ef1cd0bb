/// Why the credential encryption key could not be loaded or created. Messages name the
/// file or variable and what is wrong with it, never the key's content.
public enum EncryptionKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable is not set (or empty).
    case missingEnvironmentVariable(String)
    /// The key file cannot be read; `reason` is the system's message.
    case unreadableFile(path: String, reason: String)
    /// The key file could not be created; `reason` is the system's message.
    case uncreatableFile(path: String, reason: String)
    /// The file or variable (`origin`) holds something other than a 32-byte key.
    case malformedKey(origin: String, reason: String)
    /// No random key could be generated.
    case randomUnavailable

    /// A sentence for the operator.
    public var description: String {
        switch self {
        case .missingEnvironmentVariable(let name):
            "the environment variable \(name) that should hold the credential encryption key is not set"
        case .unreadableFile(let path, let reason):
            "cannot read the credential encryption key file \(path): \(reason)"
        case .uncreatableFile(let path, let reason):
            "cannot create the credential encryption key file \(path): \(reason)"
        case .malformedKey(let origin, let reason):
            "\(origin) does not hold a credential encryption key: \(reason); expected 32 bytes as 44 base64 characters, 64 hex digits, or 32 raw bytes in a file"
        case .randomUnavailable:
            "cannot generate a credential encryption key: the system's random generator failed"
        }
    }
}
