import Crypto

extension PercolatorConfiguration {
    /// Where the credentials key comes from: the `credentials-key` text, else the
    /// `credentials-key-file`, else a file beside a SQLite database (created on first
    /// start), else none (a PostgreSQL URL without a key: connections are refused).
    var credentialKeyProvider: (provider: EncryptionKeyProvider, environment: [String: String])? {
        if let credentialsKey { return (.environment("credentials-key"), ["credentials-key": credentialsKey]) }
        if let credentialsKeyFile { return (.file(credentialsKeyFile, createIfMissing: true), [:]) }
        guard !databasePath.contains("://") else { return nil }
        return (.file(databasePath + ".credentials-key", createIfMissing: true), [:])
    }

    /// The cipher for connections' credentials, or `nil` without a key or with connectors off. Throws a
    /// ``ConfigurationError`` naming the key's origin when it cannot be read.
    func credentialCipher() throws(ConfigurationError) -> CredentialCipher? {
        guard connectorsEnabled, let (provider, environment) = credentialKeyProvider else { return nil }
        do {
            return CredentialCipher(key: try provider.load(environment: environment))
        } catch {
            throw ConfigurationError("credentials key: \(error.description)")
        }
    }
}
