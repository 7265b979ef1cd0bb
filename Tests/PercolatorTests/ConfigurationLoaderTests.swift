import Testing
@testable import Percolator

@Suite("Configuration: defaults < file < environment < flags")
struct ConfigurationLoaderTests {
    @Test("defaults match the documentation")
    func defaults() throws {
        let configuration = try ConfigurationLoader.load(flags: [:], configFile: nil, environment: [:])
        #expect(configuration.server.host == "127.0.0.1")
        #expect(configuration.server.port == 8080)
        #expect(configuration.databasePath == "./percolator.sqlite")
        #expect(configuration.server.limits.maxHeaderBytes == 32 * 1024)
        #expect(configuration.server.limits.maxBodyBytes == 1024 * 1024)
        #expect(configuration.server.readTimeout == .seconds(10))
        #expect(configuration.accessLog)
        #expect(configuration.outbox.lease == .seconds(300))
        #expect(configuration.outbox.batchSize == 50)
        #expect(configuration.schedulerInterval == .seconds(30))
    }

    @Test("the scheduler tick is a setting (issue 16, defect 5), in seconds")
    func schedulerTick() throws {
        let loaded = try ConfigurationLoader.load(flags: [:], configFile: nil, environment: ["PERCOLATOR_SCHEDULER_TICK": "2.5"])
        #expect(loaded.schedulerInterval == .milliseconds(2_500))
        #expect(try ConfigurationLoader.load(flags: ["scheduler-tick": "5"], configFile: nil, environment: [:]).schedulerInterval == .seconds(5))
        #expect(ConfigurationSetting.all.contains { $0.name == "scheduler-tick" })
    }

    @Test("the outbox lease is set in seconds and must be positive")
    func outboxLease() throws {
        let loaded = try ConfigurationLoader.load(flags: ["outbox-lease": "90"], configFile: nil, environment: [:])
        #expect(loaded.outbox.lease == .seconds(90))
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(flags: ["outbox-lease": "0"], configFile: nil, environment: [:])
        }
    }

    @Test("rate limits: documented defaults, set per service, refused when not positive")
    func rateLimits() throws {
        let defaults = try ConfigurationLoader.load(flags: [:], configFile: nil, environment: [:]).rateLimits
        #expect(defaults.scim == RateLimitPolicy(rate: 100, burst: 1000))
        #expect(defaults.admin == RateLimitPolicy(rate: 200, burst: 2000))
        let loaded = try ConfigurationLoader.load(flags: ["scim-rate": "0.5", "admin-burst": "7"], configFile: nil,
                                                  environment: ["PERCOLATOR_SCIM_BURST": "3", "PERCOLATOR_ADMIN_RATE": "40"])
        #expect(loaded.rateLimits.scim == RateLimitPolicy(rate: 0.5, burst: 3))
        #expect(loaded.rateLimits.admin == RateLimitPolicy(rate: 40, burst: 7))
        for (name, value) in [("scim-rate", "0"), ("admin-rate", "-1"), ("scim-burst", "0"), ("admin-burst", "x")] {
            #expect(throws: ConfigurationError.self, "\(name) = \(value)") {
                try ConfigurationLoader.load(flags: [name: value], configFile: nil, environment: [:])
            }
        }
    }

    @Test("the environment overrides the file and flags override the environment")
    func precedence() throws {
        var configuration = PercolatorConfiguration()
        try ConfigurationLoader.apply(fileText: "# comment\nport = 7000\nhost = \"0.0.0.0\"\n\nread-timeout = 2.5\n",
                                      source: "test.conf", to: &configuration)
        #expect(configuration.server.port == 7000)
        #expect(configuration.server.host == "0.0.0.0")
        #expect(configuration.server.readTimeout == .milliseconds(2500))

        let loaded = try ConfigurationLoader.load(flags: ["port": "9000"], configFile: nil,
                                                  environment: ["PERCOLATOR_PORT": "8000", "PERCOLATOR_MAX_BODY_BYTES": "2048"])
        #expect(loaded.server.port == 9000)
        #expect(loaded.server.limits.maxBodyBytes == 2048)
    }

    @Test("bad values name the setting and the source", arguments: [
        ("port = 70000", "test.conf:1: port must be a number from 0 to 65535"),
        ("nonsense", "test.conf:1: expected 'name = value'"),
        ("colour = blue", "test.conf:1: unknown setting 'colour'"),
        ("\nread-timeout = -1", "test.conf:2: read-timeout must be a number of seconds"),
        ("access-log = maybe", "test.conf:1: access-log must be on or off"),
        ("scheduler-tick = 0", "test.conf:1: scheduler-tick must be a number of seconds"),
    ])
    func badFileValues(text: String, message: String) {
        var configuration = PercolatorConfiguration()
        #expect {
            try ConfigurationLoader.apply(fileText: text, source: "test.conf", to: &configuration)
        } throws: { error in
            (error as? ConfigurationError)?.message.hasPrefix(message) == true
        }
    }

    @Test("a bad environment value names the variable")
    func badEnvironment() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(flags: [:], configFile: nil, environment: ["PERCOLATOR_EVENT_LOOPS": "0"])
        }
    }

    @Test("a missing configuration file is an error, not a silent default")
    func missingFile() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(flags: [:], configFile: "/nonexistent/percolator.conf", environment: [:])
        }
    }

    @Test("every setting has an environment variable named after it")
    func environmentNames() {
        let names = ConfigurationSetting.all.map(\.environmentVariable)
        #expect(names.contains("PERCOLATOR_MAX_HEADER_BYTES"))
        #expect(Set(names).count == names.count)
    }
}
