extension ConfigurationSetting {
    /// The settings of RFC 9865 cursor paging (``SCIMServiceSettings/cursorSecret``,
    /// ``SCIMServiceSettings/cursorTimeout``).
    static let cursorSettings: [ConfigurationSetting] = [
        ConfigurationSetting(name: "cursor-secret", valueName: "SECRET", help: "Key that signs SCIM paging cursors, at least 32 characters; instances behind one load balancer must share it; prefer PERCOLATOR_CURSOR_SECRET to a flag (default: random per process, so cursors end with it).") { config, value throws(ConfigurationError) in
            guard value.utf8.count >= 32 else {
                throw ConfigurationError("cursor-secret must be at least 32 characters (percolator token generate makes one)")
            }
            config.scim.cursorSecret = Array(value.utf8)
        },
        ConfigurationSetting(name: "cursor-timeout", valueName: "SECONDS", help: "How long a SCIM paging cursor stays valid after its page (default 3600).") { config, value throws(ConfigurationError) in
            let timeout = try seconds(value, "cursor-timeout")
            guard timeout >= .seconds(1) else { throw ConfigurationError("cursor-timeout must be at least 1 second, not '\(value)'") }
            config.scim.cursorTimeout = timeout
        },
    ]
}
