import HTTP
import Store

/// `percolator serve`: load the configuration, listen, and on SIGTERM or SIGINT drain
/// in-flight requests and exit 0.
public enum ServeCommand {
    /// Runs the server until a shutdown signal; returns the process exit status.
    public static func run(flags: [String: String], configFile: String?) async -> Int32 {
        let configuration: PercolatorConfiguration
        do {
            configuration = try ConfigurationLoader.load(flags: flags, configFile: configFile,
                                                         environment: ConfigurationLoader.processEnvironment())
        } catch {
            ConsoleOutput.standardError("percolator serve: \(error.message)\n")
            return 78  // EX_CONFIG
        }
        let environment = ConfigurationLoader.processEnvironment()
        let storage: any StorageBackend
        do {
            storage = try await Storage.open(configuration.databasePath)
        } catch {
            ConsoleOutput.standardError("percolator serve: cannot open the database '\(PostgresBackend.redacted(configuration.databasePath))': \(error)\n")
            return 74  // EX_IOERR
        }
        do {
            _ = try configuration.credentialCipher()
        } catch {
            ConsoleOutput.standardError("percolator serve: \(error)\n")
            return 78
        }
        let server = PercolatorServer(configuration: configuration, storage: storage)
        let port: UInt16
        do {
            port = try server.start()
        } catch {
            ConsoleOutput.standardError("percolator serve: cannot listen on \(configuration.server.host):\(configuration.server.port): \(error)\n")
            return 69  // EX_UNAVAILABLE
        }
        // The first tenant once the port is ours: a start that cannot listen creates
        // nothing (its tokens would be shown once, for a server that never ran), and the
        // base URL shown has the port actually bound (`--port 0`).
        do {
            if let created = try await FirstStart.run(store: storage.accounts, environment: environment) {
                announce(created, port: port, configuration: configuration)
            }
        } catch let refusal as FirstStart.TokenRefusal {
            ConsoleOutput.standardError("percolator serve: \(refusal)\n")
            await server.shutdown()
            return 78
        } catch {
            ConsoleOutput.standardError("percolator serve: cannot create the first tenant: \(error)\n")
            await server.shutdown()
            return 74
        }
        event("listening", ["host": configuration.server.host, "port": String(port),
                            "eventLoops": String(configuration.server.eventLoopCount),
                            "version": PercolatorVersion.current])
        let signal = await ShutdownSignals.next()
        event("shutting_down", ["signal": signal == 15 ? "SIGTERM" : signal == 2 ? "SIGINT" : String(signal)])
        await server.shutdown()
        event("stopped", [:])
        return 0
    }

    /// Shows the first tokens once, on standard error so they stay out of log pipelines.
    static func announce(_ created: FirstStart.Outcome, port: UInt16, configuration: PercolatorConfiguration) {
        event("tenant_created", ["tenant": created.tenantName])
        var lines = ["", "Percolator created the tenant '\(created.tenantName)'. Its tokens are shown once; store them now."]
        if let token = created.generatedSCIMToken {
            lines.append("  SCIM bearer token (for your identity provider):  \(token)")
        } else {
            lines.append("  SCIM bearer token: the one in PERCOLATOR_SCIM_TOKEN")
        }
        if let token = created.generatedAdminToken {
            lines.append("  Admin API bearer token:                          \(token)")
        } else {
            lines.append("  Admin API bearer token: the one in PERCOLATOR_ADMIN_TOKEN")
        }
        let base = announcedBaseURL(host: configuration.server.host, port: port, configured: configuration.scim.publicBaseURL)
        lines.append("  SCIM base URL: \(base.url)")
        if let note = base.note { lines.append("    (\(note))") }
        lines.append("  More tokens: percolator token issue --tenant \(created.tenantName) [--admin]")
        ConsoleOutput.standardError(lines.joined(separator: "\n") + "\n\n")
    }

    /// The SCIM base URL to give an identity provider: `base-url` when it is set, else
    /// the listening address with the bound port, a wildcard address (every interface)
    /// shown as loopback with a note, an IPv6 literal in brackets (RFC 3986 §3.2.2).
    static func announcedBaseURL(host: String, port: UInt16, configured: String?) -> (url: String, note: String?) {
        if let configured { return (configured, nil) }
        let everyAddress = ["", "0.0.0.0", "::", "[::]"].contains(host)
        var shown = everyAddress ? (host.contains(":") ? "::1" : "127.0.0.1") : host
        if shown.contains(":"), !shown.hasPrefix("[") { shown = "[\(shown)]" }
        let note = everyAddress
            ? "this machine only; the server listens on every address: from elsewhere use this machine's name, and set base-url to the URL your identity provider uses"
            : nil
        return ("http://\(shown):\(port)/scim/v2", note)
    }

    /// A lifecycle line in the log's JSON format.
    static func event(_ name: String, _ fields: [String: String]) {
        var line = "{\"time\":\"\(Timestamp.now())\",\"event\":\(JSONText.quote(name))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += ",\(JSONText.quote(key)):\(JSONText.quote(value))" }
        ConsoleOutput.standardOutput(line + "}\n")
    }
}
