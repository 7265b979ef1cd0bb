import HTTP

/// One configurable value: its flag, environment variable and file key are derived
/// from one name (`max-body-bytes` → `--max-body-bytes`, `PERCOLATOR_MAX_BODY_BYTES`,
/// `max-body-bytes = …`).
public struct ConfigurationSetting: Sendable {
    public var name: String
    public var valueName: String
    public var help: String
    let apply: @Sendable (inout PercolatorConfiguration, String) throws(ConfigurationError) -> Void

    /// The environment variable for this setting.
    public var environmentVariable: String {
        "PERCOLATOR_" + name.uppercased().replacing("-", with: "_")
    }

    /// Every setting of `percolator serve`.
    public static let all: [ConfigurationSetting] = [
        ConfigurationSetting(name: "host", valueName: "ADDRESS", help: "Address to listen on (default 127.0.0.1).") { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError("host must not be empty") }
            config.server.host = value
        },
        ConfigurationSetting(name: "port", valueName: "PORT", help: "TCP port, 0 for any free port (default 8080).") { config, value throws(ConfigurationError) in
            guard let port = UInt16(value) else { throw ConfigurationError("port must be a number from 0 to 65535, not '\(value)'") }
            config.server.port = port
        },
        ConfigurationSetting(name: "database", valueName: "FILE|URL", help: "SQLite database file (default ./percolator.sqlite), or postgres://USER@HOST:PORT/DB for PostgreSQL shared by several instances.") { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError("database must not be empty") }
            config.databasePath = value
        },
        ConfigurationSetting(name: "event-loops", valueName: "N", help: "Event loop threads (default: one per core).") { config, value throws(ConfigurationError) in
            config.server.eventLoopCount = try integer(value, "event-loops", in: 1...256)
        },
        ConfigurationSetting(name: "max-connections", valueName: "N", help: "Open connections; at the limit the longest-idle ones (then heads stalled over 1 s) are closed to make room, else new ones get 503 (default 10000).") { config, value throws(ConfigurationError) in
            config.server.maxConnections = try integer(value, "max-connections", in: 1...1_000_000)
        },
        ConfigurationSetting(name: "max-header-bytes", valueName: "BYTES", help: "Request line and headers, above → 431 (default 32768).") { config, value throws(ConfigurationError) in
            config.server.limits.maxHeaderBytes = try integer(value, "max-header-bytes", in: 1024...1_048_576)
        },
        ConfigurationSetting(name: "max-header-count", valueName: "N", help: "Header lines, above → 431 (default 100).") { config, value throws(ConfigurationError) in
            config.server.limits.maxHeaderCount = try integer(value, "max-header-count", in: 8...10_000)
        },
        ConfigurationSetting(name: "max-body-bytes", valueName: "BYTES", help: "Request body, above → 413 (default 1048576).") { config, value throws(ConfigurationError) in
            config.server.limits.maxBodyBytes = try integer(value, "max-body-bytes", in: 1024...1_073_741_824)
        },
        ConfigurationSetting(name: "read-timeout", valueName: "SECONDS", help: "Time to send a request head, and between body reads; then 408 (default 10).") { config, value throws(ConfigurationError) in
            config.server.readTimeout = try seconds(value, "read-timeout")
        },
        ConfigurationSetting(name: "body-timeout", valueName: "SECONDS", help: "Time a request body has to arrive in full, however steadily it trickles; then 408 (default 120).") { config, value throws(ConfigurationError) in
            config.server.bodyTimeout = try seconds(value, "body-timeout")
        },
        ConfigurationSetting(name: "max-body-bytes-in-flight", valueName: "BYTES", help: "Request body bytes held across all connections; a body past it gets 503 with Retry-After (default 268435456).") { config, value throws(ConfigurationError) in
            config.server.maxBodyBytesInFlight = try integer(value, "max-body-bytes-in-flight", in: 65_536...68_719_476_736)
        },
        ConfigurationSetting(name: "idle-timeout", valueName: "SECONDS", help: "Idle keep-alive connections are closed after it (default 60).") { config, value throws(ConfigurationError) in
            config.server.idleTimeout = try seconds(value, "idle-timeout")
        },
        ConfigurationSetting(name: "shutdown-grace", valueName: "SECONDS", help: "Time in-flight requests get on SIGTERM/SIGINT (default 10).") { config, value throws(ConfigurationError) in
            config.server.shutdownGracePeriod = try seconds(value, "shutdown-grace")
        },
        ConfigurationSetting(name: "base-url", valueName: "URL", help: "Public SCIM base URL for meta.location, e.g. https://scim.example.com/scim/v2 (default: from a Host header that is a plain host[:port], else the listening address).") { config, value throws(ConfigurationError) in
            guard value.hasPrefix("https://") || value.hasPrefix("http://") else {
                throw ConfigurationError("base-url must start with https:// or http://, not '\(value)'")
            }
            config.scim.publicBaseURL = value
        },
        ConfigurationSetting(name: "max-results", valueName: "N", help: "Most resources in one list page; larger counts are capped (default 1000).") { config, value throws(ConfigurationError) in
            config.scim.maxResults = try integer(value, "max-results", in: 1...100_000)
        },
        ConfigurationSetting(name: "patch-response-max-members", valueName: "N", help: "A Group PATCH without attributes/excludedAttributes answers 200 with the group up to this many members, 204 beyond (default 100).") { config, value throws(ConfigurationError) in
            config.scim.patchResponseMaxMembers = try integer(value, "patch-response-max-members", in: 0...1_000_000)
        },
        ConfigurationSetting(name: "bulk-max-operations", valueName: "N", help: "Most operations in one Bulk request (default 1000).") { config, value throws(ConfigurationError) in
            config.scim.bulkMaxOperations = try integer(value, "bulk-max-operations", in: 1...100_000)
        },
        ConfigurationSetting(name: "bulk-max-payload-bytes", valueName: "BYTES", help: "Largest Bulk request body; above → 413 (default 4194304).") { config, value throws(ConfigurationError) in
            config.scim.bulkMaxPayloadSize = try integer(value, "bulk-max-payload-bytes", in: 1024...1_073_741_824)
        },
        ConfigurationSetting(name: "import-max-bytes", valueName: "BYTES", help: "Largest CSV file POST /api/v1/imports accepts; above → 413 (default 67108864).") { config, value throws(ConfigurationError) in
            config.admin.importMaxBytes = try integer(value, "import-max-bytes", in: 1024...1_073_741_824)
        },
        ConfigurationSetting(name: "max-filter-candidates", valueName: "N", help: "Rows a filter SQL cannot fully express may be checked in memory; above → 400 tooMany (default 10000).") { config, value throws(ConfigurationError) in
            config.scim.maxFilterCandidates = try integer(value, "max-filter-candidates", in: 1...10_000_000)
        },
        ConfigurationSetting(name: "token-cache", valueName: "SECONDS", help: "How long an authenticated token is cached; a revoked token works at most this long (default 10).") { config, value throws(ConfigurationError) in
            config.scim.tokenCacheTTL = try seconds(value, "token-cache")
        },
        ConfigurationSetting(name: "access-log", valueName: "on|off", help: "JSON access log on standard output (default on).") { config, value throws(ConfigurationError) in
            config.accessLog = try boolean(value, "access-log")
        },
        ConfigurationSetting(name: "scheduler-tick", valueName: "SECONDS", help: "How often due sessions are opened and matched (default 30).") { config, value throws(ConfigurationError) in
            config.schedulerInterval = try seconds(value, "scheduler-tick")
        },
    ] + outboxSettings + rateLimitSettings + cursorSettings + credentialSettings
        + proxySettings

    static func integer(_ text: String, _ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    static func seconds(_ text: String, _ name: String) throws(ConfigurationError) -> Duration {
        guard let value = Double(text), value > 0, value <= 86_400 else {
            throw ConfigurationError("\(name) must be a number of seconds above 0 and at most 86400, not '\(text)'")
        }
        return .milliseconds(Int64(value * 1000))
    }

    private static func boolean(_ text: String, _ name: String) throws(ConfigurationError) -> Bool {
        switch text.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: throw ConfigurationError("\(name) must be on or off, not '\(text)'")
        }
    }
}
