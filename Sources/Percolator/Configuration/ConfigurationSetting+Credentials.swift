extension ConfigurationSetting {
    /// Where the key that seals connections' credentials comes from (issue 14).
    static let credentialSettings: [ConfigurationSetting] = [
        ConfigurationSetting(name: "credentials-key", valueName: "KEY", help: "Key sealing connections' credentials (AES-256-GCM): 32 bytes as base64 or 64 hex digits; prefer PERCOLATOR_CREDENTIALS_KEY to a flag; instances sharing a database must share it.") { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError("credentials-key must not be empty") }
            config.credentialsKey = value
        },
        ConfigurationSetting(name: "connectors", valueName: "on|off", help: "Whether connections to Slack, Microsoft Teams and HR systems may be created and run (default on); off: the server makes no outbound call for them.") { config, value throws(ConfigurationError) in
            switch value {
            case "on": config.connectorsEnabled = true
            case "off": config.connectorsEnabled = false
            default: throw ConfigurationError("connectors must be on or off, not '\(value)'")
            }
        },
        ConfigurationSetting(name: "connector-loopback", valueName: "on|off", help: "Whether connections may call this machine's loopback (127.0.0.1, localhost), over http too: vendor stubs for tests and local trials (default off; private and link-local addresses are refused either way).") { config, value throws(ConfigurationError) in
            switch value {
            case "on": config.connectorLoopback = true
            case "off": config.connectorLoopback = false
            default: throw ConfigurationError("connector-loopback must be on or off, not '\(value)'")
            }
        },
        ConfigurationSetting(name: "credentials-key-file", valueName: "FILE", help: "File holding that key, created (mode 0600) when missing (default: beside a SQLite database, DATABASE.credentials-key; none for PostgreSQL).") { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError("credentials-key-file must not be empty") }
            config.credentialsKeyFile = value
        },
    ]
}
