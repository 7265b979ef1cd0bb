import Coffee
import Crypto
import FoundationEssentials
import Store

/// `percolator tenant …` and `percolator token …`: they open the database file
/// directly (WAL lets them run beside a live server) and print plain text.
public enum ManagementCommand {
    /// Runs the command at `path`; returns the process exit status.
    public static func run(path: [String], arguments: ParsedArguments) async -> Int32 {
        if path == ["token", "generate"] {
            ConsoleOutput.standardOutput(BearerToken.generate() + "\n")
            return 0
        }
        let environment = ConfigurationLoader.processEnvironment()
        let databasePath = arguments.options["database"] ?? environment["PERCOLATOR_DATABASE"] ?? PercolatorConfiguration().databasePath
        // Opening a path that does not exist would create an empty database and answer
        // from it ("no tenant named 'default'"), which hides a wrong path.
        if databasePath != ":memory:", !PostgresStore.isPostgresURL(databasePath), !FileManager.default.fileExists(atPath: databasePath) {
            ConsoleOutput.standardError("""
                percolator \(path.joined(separator: " ")): there is no database at '\(databasePath)'. \
                Point to the server's with --database FILE (or PERCOLATOR_DATABASE), \
                or run 'percolator serve' once to create it.

                """)
            return 1
        }
        do {
            let storage = try await Storage.open(databasePath)
            return try await run(path: path, arguments: arguments, storage: storage)
        } catch {
            ConsoleOutput.standardError("percolator \(path.joined(separator: " ")): \(CommandLineError.message(for: error))\n")
            return 1
        }
    }

    static func run(path: [String], arguments: ParsedArguments, storage: any StorageBackend) async throws -> Int32 {
        let invocation = "percolator " + path.joined(separator: " ")
        let store = storage.accounts
        switch path {
        case ["tenant", "create"]:
            let name: String
            do {
                name = try TenantName.validated(arguments.positionals[0])
            } catch {
                ConsoleOutput.standardError("\(invocation): \(error)\n")
                return 1
            }
            if try await store.tenant(named: name) != nil {
                ConsoleOutput.standardError("\(invocation): a tenant named '\(name)' exists already.\n")
                return 1
            }
            let tenant = try await store.createTenant(name: name)
            ConsoleOutput.standardOutput("created tenant \(tenant.name) (\(tenant.id))\nnext: percolator token issue --tenant \(shellWord(tenant.name))\n")
        case ["tenant", "list"]:
            for tenant in try await store.tenants() {
                ConsoleOutput.standardOutput("\(tenant.name)\t\(tenant.id)\n")
            }
        case ["token", "issue"], ["token", "list"]:
            let name = arguments.options["tenant"] ?? ""
            guard let tenant = try await store.tenant(named: name) else {
                ConsoleOutput.standardError("\(invocation): no tenant named '\(name)'. See 'percolator tenant list'.\n")
                return 1
            }
            if path == ["token", "issue"] {
                let kind: TokenKind = arguments.flags.contains("admin") ? .admin : .scim
                let issued = try await store.issueToken(tenant: tenant.id, kind: kind, label: arguments.options["label"])
                ConsoleOutput.standardError("\(kind.rawValue) token \(issued.record.id) for tenant \(tenant.name); it is shown once:\n")
                ConsoleOutput.standardOutput(issued.plaintext + "\n")
            } else {
                for token in try await store.tokens(tenant: tenant.id) {
                    let state = token.isRevoked ? "revoked" : "active"
                    let used = token.lastUsedAt.map { "last used \($0)" } ?? "never used"
                    ConsoleOutput.standardOutput("\(token.id)\t\(token.kind.rawValue)\t\(state)\t\(used)\t\(token.label ?? "")\n")
                }
            }
        case ["token", "revoke"]:
            guard try await store.revokeToken(id: TokenID(rawValue: arguments.positionals[0])) else {
                ConsoleOutput.standardError("\(invocation): no active token with id '\(arguments.positionals[0])'.\n")
                return 1
            }
            ConsoleOutput.standardOutput("revoked \(arguments.positionals[0])\n")
        case ["admin", "add"], ["admin", "remove"], ["admin", "list"]:
            return try await ConsoleAdministratorCommand.run(path: path, arguments: arguments, storage: storage, invocation: invocation)
        case ["connections", "list"], ["connections", "run"]:
            let name = arguments.options["tenant"] ?? "default"
            guard let tenant = try await store.tenant(named: name) else {
                ConsoleOutput.standardError("\(invocation): no tenant named '\(name)'. See 'percolator tenant list'.\n")
                return 1
            }
            var service = ConnectionService(persistence: storage.persistence(), cipher: try credentialCipher(arguments))
            // As `serve` does: loopback only with --connector-loopback on (or PERCOLATOR_CONNECTOR_LOOPBACK=on).
            let loopback = arguments.options["connector-loopback"] ?? ConfigurationLoader.processEnvironment()["PERCOLATOR_CONNECTOR_LOOPBACK"]
            guard [nil, "on", "off"].contains(loopback) else {
                ConsoleOutput.standardError("\(invocation): connector-loopback must be on or off, not '\(loopback ?? "")'.\n")
                return 2
            }
            service.clientConfiguration.endpoints.allowsLoopback = loopback == "on"
            if path == ["connections", "list"] {
                return try await DomainCommands.listConnections(service: service, tenant: tenant.id, invocation: invocation)
            }
            return try await DomainCommands.runConnection(service: service, tenant: tenant.id, reference: arguments.positionals[0],
                                                          invocation: invocation)
        case ["members", "list"], ["session", "run"], ["session", "show"], ["members", "import"], ["log"]:
            let name = arguments.options["tenant"] ?? "default"
            guard let tenant = try await store.tenant(named: name) else {
                ConsoleOutput.standardError("\(invocation): no tenant named '\(name)'. See 'percolator tenant list'.\n")
                return 1
            }
            if path == ["members", "import"] {
                return try await DomainCommands.importMembers(storage: storage, tenant: tenant.id, arguments: arguments,
                                                              invocation: invocation)
            }
            if path == ["log"] {
                return try await ProvisioningLogCommand.print(storage: storage, tenant: tenant.id, arguments: arguments,
                                                             invocation: invocation)
            }
            if path == ["members", "list"] {
                return try await DomainCommands.listMembers(storage: storage, tenant: tenant.id, arguments: arguments, invocation: invocation)
            }
            if path == ["session", "show"] {
                return try await DomainCommands.showSession(storage: storage, tenant: tenant.id, session: arguments.positionals[0],
                                                            invocation: invocation)
            }
            return try await DomainCommands.runSession(storage: storage, tenant: tenant.id, program: arguments.positionals[0],
                                                       invocation: invocation)
        default:
            ConsoleOutput.standardError("\(invocation): unknown command.\n")
            return 64
        }
        return 0
    }

    /// The cipher of connections' credentials as the server finds it: `PERCOLATOR_CREDENTIALS_KEY`,
    /// else `--credentials-key-file` (or `PERCOLATOR_CREDENTIALS_KEY_FILE`), else the key file beside
    /// a SQLite database.
    static func credentialCipher(_ arguments: ParsedArguments) throws -> CredentialCipher? {
        let environment = ConfigurationLoader.processEnvironment()
        var configuration = PercolatorConfiguration()
        configuration.databasePath = arguments.options["database"] ?? environment["PERCOLATOR_DATABASE"] ?? configuration.databasePath
        configuration.credentialsKey = environment["PERCOLATOR_CREDENTIALS_KEY"]
        configuration.credentialsKeyFile = arguments.options["credentials-key-file"] ?? environment["PERCOLATOR_CREDENTIALS_KEY_FILE"]
        do throws(ConfigurationError) {
            return try configuration.credentialCipher()
        } catch {
            throw CommandLineError(error.message)
        }
    }

    /// `text` as one word of a POSIX shell command: as is when it is plain, else in single
    /// quotes (a name with spaces, for the command a user copies).
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
