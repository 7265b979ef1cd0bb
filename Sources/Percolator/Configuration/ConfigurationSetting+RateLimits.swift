extension ConfigurationSetting {
    /// The settings of the per-tenant rate limits (`RateLimitSettings`).
    static let rateLimitSettings: [ConfigurationSetting] = [
        ConfigurationSetting(name: "scim-rate", valueName: "PER-SECOND", help: "SCIM requests per second a tenant may send, sustained; beyond its burst → 429 with Retry-After (default 100).") { config, value throws(ConfigurationError) in
            config.rateLimits.scim.rate = try rate(value, "scim-rate")
        },
        ConfigurationSetting(name: "scim-burst", valueName: "N", help: "SCIM requests a tenant may send at once (default 1000).") { config, value throws(ConfigurationError) in
            config.rateLimits.scim.burst = try integer(value, "scim-burst", in: 1...10_000_000)
        },
        ConfigurationSetting(name: "admin-rate", valueName: "PER-SECOND", help: "Admin API requests per second a tenant may send, sustained; beyond its burst → 429 with Retry-After (default 200).") { config, value throws(ConfigurationError) in
            config.rateLimits.admin.rate = try rate(value, "admin-rate")
        },
        ConfigurationSetting(name: "admin-burst", valueName: "N", help: "Admin API requests a tenant may send at once (default 2000).") { config, value throws(ConfigurationError) in
            config.rateLimits.admin.burst = try integer(value, "admin-burst", in: 1...10_000_000)
        },
    ]

    private static func rate(_ text: String, _ name: String) throws(ConfigurationError) -> Double {
        guard let value = Double(text), value >= 0.01, value <= 1_000_000 else {
            throw ConfigurationError("\(name) must be a number of requests per second from 0.01 to 1000000, not '\(text)'")
        }
        return value
    }
}
