extension ConfigurationSetting {
    /// The settings of email delivery (`OutboxSettings`).
    static let outboxSettings: [ConfigurationSetting] = [
        ConfigurationSetting(name: "smtp-host", valueName: "HOST", help: "SMTP relay for emails; none by default, and then nothing is sent.") { config, value throws(ConfigurationError) in
            guard !value.isEmpty else { throw ConfigurationError("smtp-host must not be empty") }
            config.outbox.smtpHost = value
        },
        ConfigurationSetting(name: "smtp-port", valueName: "PORT", help: "SMTP relay port (default 25).") { config, value throws(ConfigurationError) in
            config.outbox.smtpPort = try integer(value, "smtp-port", in: 1...65_535)
        },
        ConfigurationSetting(name: "smtp-sender", valueName: "ADDRESS", help: "Envelope sender and From of emails (default percolator@localhost).") { config, value throws(ConfigurationError) in
            guard value.contains("@") else { throw ConfigurationError("smtp-sender must be an email address, not '\(value)'") }
            config.outbox.smtpSender = value
        },
        ConfigurationSetting(name: "smtp-username", valueName: "NAME", help: "SMTP AUTH PLAIN user name (no authentication by default).") { config, value throws(ConfigurationError) in
            config.outbox.smtpUsername = value
        },
        ConfigurationSetting(name: "smtp-password", valueName: "SECRET", help: "SMTP AUTH PLAIN password; prefer PERCOLATOR_SMTP_PASSWORD to a flag.") { config, value throws(ConfigurationError) in
            config.outbox.smtpPassword = value
        },
        ConfigurationSetting(name: "outbox-poll", valueName: "SECONDS", help: "How often due emails are looked for (default 1).") { config, value throws(ConfigurationError) in
            config.outbox.pollInterval = try seconds(value, "outbox-poll")
        },
        ConfigurationSetting(name: "outbox-lease", valueName: "SECONDS", help: "How long a deliverer's claim on the emails it sends holds; another instance sends them once it expires (default 300).") { config, value throws(ConfigurationError) in
            config.outbox.lease = try seconds(value, "outbox-lease")
        },
        ConfigurationSetting(name: "portal-url", valueName: "URL", help: "Member portal address, for links in emails (default http://127.0.0.1:8080).") { config, value throws(ConfigurationError) in
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                throw ConfigurationError("portal-url must start with http:// or https://, not '\(value)'")
            }
            config.outbox.portalURL = value
        },
    ]
}
