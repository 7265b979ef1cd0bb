import Store
import Foundation
import Testing
@testable import Percolator

@Suite("The percolator command line")
struct CommandLineInterfaceTests {
    @Test("--version prints the version")
    func version() throws {
        #expect(try CommandLineInterface.parse(["--version"]) == .print("percolator \(PercolatorVersion.current)\n"))
    }

    @Test("no argument and --help print the overview listing the commands", arguments: [[], ["--help"], ["help"]])
    func overview(arguments: [String]) throws {
        guard case .print(let text) = try CommandLineInterface.parse(arguments) else {
            Issue.record("expected help text")
            return
        }
        #expect(text.contains("serve"))
        #expect(text.contains("bench"))
    }

    @Test("serve accepts every setting as --name value and --name=value")
    func serveOptions() throws {
        let command = try CommandLineInterface.parse(["serve", "--port", "9000", "--host=0.0.0.0", "--config", "p.conf", "--access-log", "off"])
        #expect(command == .serve(flags: ["port": "9000", "host": "0.0.0.0", "access-log": "off"], configFile: "p.conf"))
    }

    @Test("serve --help lists every setting")
    func serveHelp() throws {
        guard case .print(let text) = try CommandLineInterface.parse(["serve", "--help"]) else {
            Issue.record("expected help")
            return
        }
        for setting in ConfigurationSetting.all { #expect(text.contains("--\(setting.name)")) }
        #expect(text.contains("--config"))
    }

    @Test("mistakes are reported with a way out", arguments: [
        (["serve", "--prot", "1"], "unknown option '--prot'"),
        (["serve", "--port"], "--port needs a value"),
        (["serve", "extra"], "unexpected argument 'extra'"),
        (["serve", "-x"], "unknown option '-x'"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["--frob"], "unknown option '--frob'"),
        (["bench"], "missing argument TARGET"),
    ])
    func errors(arguments: [String], message: String) {
        #expect {
            try CommandLineInterface.parse(arguments)
        } throws: { error in
            guard let error = error as? CommandLineError else { return false }
            return error.message.contains(message) && error.message.contains("--help")
        }
    }

    @Test("arguments after -- are positional")
    func doubleDash() throws {
        let spec = CommandSpec(path: ["x"], summary: "", positionals: [(name: "A", help: "")])
        let parsed = try ParsedArguments(["--", "--not-a-flag"], spec: spec)
        #expect(parsed.positionals == ["--not-a-flag"])
    }
}

@Suite("Tenant and token commands")
struct ManagementCommandLineTests {
    @Test("tenant and token commands parse with their options", arguments: [
        (["tenant", "create", "acme"], ["tenant", "create"]),
        (["tenant", "list", "--database", "x.sqlite"], ["tenant", "list"]),
        (["token", "issue", "--tenant", "acme", "--admin", "--label", "okta"], ["token", "issue"]),
        (["token", "list", "--tenant=acme"], ["token", "list"]),
        (["token", "revoke", "abc"], ["token", "revoke"]),
        (["token", "generate"], ["token", "generate"]),
    ])
    func parses(arguments: [String], path: [String]) throws {
        guard case .manage(let parsedPath, _) = try CommandLineInterface.parse(arguments) else {
            Issue.record("not a management command")
            return
        }
        #expect(parsedPath == path)
    }

    @Test("token issue requires --tenant, and an unknown subcommand lists the known ones")
    func requiredTenant() {
        #expect(throws: CommandLineError.self) { try CommandLineInterface.parse(["token", "issue"]) }
        #expect {
            try CommandLineInterface.parse(["token", "mint"])
        } throws: { error in
            (error as? CommandLineError)?.message.contains("issue, list, revoke, generate") == true
        }
    }

    @Test("tenant create refuses a name that is empty, on several lines or too long, and creates nothing; it trims the others")
    func tenantNames() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try await Storage.open(directory.appendingPathComponent("db.sqlite").path)
        func create(_ name: String) async throws -> Int32 {
            guard case .manage(let path, let arguments) = try CommandLineInterface.parse(["tenant", "create", name]) else {
                Issue.record("not a management command")
                return -1
            }
            return try await ManagementCommand.run(path: path, arguments: arguments, storage: storage)
        }
        // Before: "" was a CHECK constraint's SQL on the terminal, the others were created.
        for refused in ["", "  ", "acme\nEvil", String(repeating: "x", count: 101), "a\u{202E}b"] {
            #expect(try await create(refused) == 1, "\(refused.debugDescription)")
        }
        #expect(try await storage.accounts.tenants().isEmpty)
        #expect(try await create("  Acme Corp ") == 0)
        #expect(try await storage.accounts.tenants().map(\.name) == ["Acme Corp"])
        #expect(try await create("Acme Corp") == 1)  // exists already
    }

    @Test("the next command a new tenant is told to run quotes its name for a shell", arguments: [
        ("acme", "acme"),
        ("acme-corp_2.eu@x", "acme-corp_2.eu@x"),
        ("Acme Corp", "'Acme Corp'"),
        ("O'Brien & Co", "'O'\\''Brien & Co'"),
        ("$(rm -rf ~)", "'$(rm -rf ~)'"),
        ("Café", "'Café'"),
    ])
    func shellWord(name: String, word: String) {
        #expect(ManagementCommand.shellWord(name) == word)
    }
}
