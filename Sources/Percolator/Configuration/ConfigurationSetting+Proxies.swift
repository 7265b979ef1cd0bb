import HTTP

extension ConfigurationSetting {
    /// The reverse proxies believed about the client's address (``TrustedProxies``).
    static let proxySettings: [ConfigurationSetting] = [
        ConfigurationSetting(name: "trusted-proxies", valueName: "ADDRESSES", help: "Reverse proxies (addresses or CIDR blocks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For names the client for per-client limits; a header from any other peer is ignored (default: none).") { config, value throws(ConfigurationError) in
            guard let proxies = TrustedProxies(list: value) else {
                throw ConfigurationError("trusted-proxies must be IP addresses or CIDR blocks separated by commas, not '\(value)'")
            }
            config.server.trustedProxies = proxies
        },
    ]
}
