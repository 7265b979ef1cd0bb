import HTTP

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
        let server = PercolatorServer(configuration: configuration)
        let port: UInt16
        do {
            port = try server.start()
        } catch {
            ConsoleOutput.standardError("percolator serve: cannot listen on \(configuration.server.host):\(configuration.server.port): \(error)\n")
            return 69  // EX_UNAVAILABLE
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

    /// A lifecycle line in the log's JSON format.
    static func event(_ name: String, _ fields: [String: String]) {
        var line = "{\"time\":\"\(Timestamp.now())\",\"event\":\(JSONText.quote(name))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += ",\(JSONText.quote(key)):\(JSONText.quote(value))" }
        ConsoleOutput.standardOutput(line + "}\n")
    }
}
