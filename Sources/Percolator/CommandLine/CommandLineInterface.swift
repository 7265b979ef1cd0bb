/// The `percolator` command line: subcommands, their options and their help.
/// Parsing is pure (``parse(_:)``) so every path is tested without running anything.
public enum CommandLineInterface {
    /// `percolator serve`.
    public static let serve = CommandSpec(
        path: ["serve"],
        summary: "Run the SCIM 2.0 server on an embedded SQLite database.",
        options: [CommandSpec.Option(name: "config", valueName: "FILE", help: "Read 'name = value' settings from FILE.")]
            + ConfigurationSetting.all.map { CommandSpec.Option(name: $0.name, valueName: $0.valueName, help: $0.help) }
    )

    /// `percolator bench`.
    public static let bench = CommandSpec(
        path: ["bench"],
        summary: "Run a micro-benchmark and print its figures (use a release build: swift run -c release percolator bench …).",
        options: [CommandSpec.Option(name: "iterations", valueName: "N", help: "Iterations per measurement for scim (default 20000)."),
                  CommandSpec.Option(name: "sizes", valueName: "N,N,…", help: "Participant counts for matching (default 1000,10000,100000)."),
                  CommandSpec.Option(name: "rows", valueName: "N", help: "Rows of the generated CSV file for import, people of the listing for sync (default 100000).")],
        positionals: [(name: "TARGET", help: "scim (filter, PATCH, JSON of the SCIM core), matching (the matching engine), import (a CSV import into a temporary database) or sync (planning a connector's listing against the members).")]
    )

    static let database = CommandSpec.Option(name: "database", valueName: "FILE", help: "SQLite database file (default ./percolator.sqlite, or PERCOLATOR_DATABASE).")
    static let json = CommandSpec.Flag(name: "json", help: "Print the admin API's JSON instead of a table.")
    static let tenantOption = CommandSpec.Option(name: "tenant", valueName: "NAME", help: "The tenant (organisation) by name.")
    static let defaultTenantOption = CommandSpec.Option(name: "tenant", valueName: "NAME",
                                                        help: "The tenant (organisation) by name (default: default).")

    /// Tenant and token management, run against the database file (safe while a server runs).
    public static let management: [CommandSpec] = [
        CommandSpec(path: ["tenant", "create"], summary: "Create a tenant (an organisation with its own members and tokens).",
                    options: [database], positionals: [(name: "NAME", help: "The tenant's unique name.")]),
        CommandSpec(path: ["tenant", "list"], summary: "List the tenants.", options: [database]),
        CommandSpec(path: ["token", "issue"], summary: "Issue a bearer token for a tenant; it is shown once.",
                    options: [database, tenantOption, CommandSpec.Option(name: "label", valueName: "TEXT", help: "A note to recognise the token by.")],
                    flags: [CommandSpec.Flag(name: "admin", help: "An admin API token instead of a SCIM token.")]),
        CommandSpec(path: ["token", "list"], summary: "List a tenant's tokens (never their values).", options: [database, tenantOption]),
        CommandSpec(path: ["token", "revoke"], summary: "Revoke a token by its id (see 'token list').",
                    options: [database], positionals: [(name: "ID", help: "The token id.")]),
        // The admin console's address list (issue 13): a magic link is sent only to these.
        CommandSpec(path: ["admin", "add"], summary: "Let EMAIL sign in to a tenant's admin console by magic link.",
                    options: [database, tenantOption,
                              CommandSpec.Option(name: "role", valueName: "administrator|program-manager",
                                                 help: "What EMAIL may do (default administrator; program managers see programs only).")],
                    positionals: [(name: "EMAIL", help: "The address the sign-in links go to.")]),
        CommandSpec(path: ["admin", "remove"], summary: "Take EMAIL off a tenant's admin console list; its open sessions end.",
                    options: [database, tenantOption],
                    positionals: [(name: "EMAIL", help: "The address to take off the list.")]),
        CommandSpec(path: ["admin", "list"], summary: "List a tenant's admin console addresses and their roles.",
                    options: [database, tenantOption]),
        CommandSpec(path: ["token", "generate"], summary: "Print a new random token without storing it (for PERCOLATOR_SCIM_TOKEN)."),
        CommandSpec(path: ["members", "list"], summary: "List a tenant's members, as GET /api/v1/members does.",
                    options: [database, defaultTenantOption,
                              CommandSpec.Option(name: "lifecycle", valueName: "live|deprovisioned|purged", help: "Only members in this lifecycle."),
                              CommandSpec.Option(name: "status", valueName: "pending|active|inactive", help: "Only members with this local status."),
                              CommandSpec.Option(name: "q", valueName: "TEXT", help: "Only members whose names, user name or email contain TEXT.")],
                    flags: [json]),
        CommandSpec(path: ["members", "import"], summary: "Import members from a CSV file, as POST /api/v1/imports does (a dry run unless --apply).",
                    options: [database, defaultTenantOption,
                              CommandSpec.Option(name: "map", valueName: "HEADER=TARGET,…",
                                                 help: "Column decisions: TARGET is a category's key or label, category:KEY, new[:LABEL], new-multi[:LABEL], new-text[:LABEL] or ignore. E.g. --map \"Ville=City,Service=new:Team\".")],
                    flags: [CommandSpec.Flag(name: "apply", help: "Write the rows (all or none); without it, only report."),
                            CommandSpec.Flag(name: "welcome", help: "Send the welcome email to new members."), json],
                    positionals: [(name: "FILE", help: "The CSV file (UTF-8, ',' or ';').")]),
        CommandSpec(path: ["session", "run"], summary: "Match a program's next session now (or a new one-off session), as the admin API does.",
                    options: [database, defaultTenantOption], positionals: [(name: "PROGRAM", help: "The program's id or name.")]),
        CommandSpec(path: ["session", "show"], summary: "Print a session: its state and, once matched, its groups and statistics.",
                    options: [database, defaultTenantOption], positionals: [(name: "SESSION", help: "The session's id.")]),
        // Issue 14: member sources (Slack, Teams, HR systems).
        CommandSpec(path: ["connections", "list"], summary: "List a tenant's member sources: kind, credential's last four characters, next run, last run.",
                    options: [database, defaultTenantOption]),
        CommandSpec(path: ["connections", "run"], summary: "Run a member source now (a complete listing, then the changes), as POST /api/v1/connections/{id}/run does.",
                    options: [database, defaultTenantOption,
                              CommandSpec.Option(name: "credentials-key-file", valueName: "FILE",
                                                 help: "The server's credentials key file (default: beside a SQLite database; PERCOLATOR_CREDENTIALS_KEY also works)."),
                              CommandSpec.Option(name: "connector-loopback", valueName: "on|off",
                                                 help: "Whether the connection may call this machine's loopback, as serve's setting (default off; PERCOLATOR_CONNECTOR_LOOPBACK also works).")],
                    positionals: [(name: "CONNECTION", help: "The connection's id or name.")]),
        // Issue 15: the SCIM provisioning log.
        CommandSpec(path: ["log"], summary: "Print a tenant's SCIM provisioning log, newest first, as GET /api/v1/provisioning-log does.",
                    options: [database, defaultTenantOption,
                              CommandSpec.Option(name: "limit", valueName: "N", help: "At most N entries (default 50).")],
                    flags: [CommandSpec.Flag(name: "failures", help: "Only the requests that failed."), json]),
    ]

    /// Every subcommand.
    public static let commands: [CommandSpec] = [serve] + management + [bench]

    /// The top-level `--help` text.
    public static var overview: String {
        var lines = ["percolator \(PercolatorVersion.current): a SCIM 2.0 provisioning server for random-coffee programs.", "",
                     "Usage: percolator <command> [options]", "", "Commands:"]
        for command in commands {
            let name = command.path.joined(separator: " ")
            lines.append("  " + name + String(repeating: " ", count: max(2, 16 - name.count)) + command.summary)
        }
        lines += ["", "Options:", "  --version       Print the version.", "  --help          Show this help.", "",
                  "Run 'percolator <command> --help' for the options of a command."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(CommandLineError) -> PercolatorCommand {
        guard let first = arguments.first else { return .print(overview) }
        switch first {
        case "--version", "-V", "version":
            return .print("percolator \(PercolatorVersion.current)\n")
        case "--help", "-h", "help":
            if arguments.count > 1, let spec = commands.first(where: { $0.path == Array(arguments.dropFirst().prefix($0.path.count)) }) {
                return .print(spec.helpText)
            }
            return .print(overview)
        case "serve":
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: serve)
            if parsed.wantsHelp { return .print(serve.helpText) }
            var flags = parsed.options
            let configFile = flags.removeValue(forKey: "config")
            return .serve(flags: flags, configFile: configFile)
        case "tenant", "token", "members", "session", "admin", "connections":
            guard arguments.count > 1, let spec = management.first(where: { $0.path == Array(arguments.prefix(2)) }) else {
                let known = management.filter { $0.path.first == first }.map { $0.path[1] }.joined(separator: ", ")
                throw CommandLineError("percolator \(first): expected one of \(known). See 'percolator --help'.")
            }
            let parsed = try ParsedArguments(Array(arguments.dropFirst(2)), spec: spec)
            if parsed.wantsHelp { return .print(spec.helpText) }
            if first == "token" || first == "admin", spec.options.contains(where: { $0.name == "tenant" }), parsed.options["tenant"] == nil {
                throw CommandLineError("\(spec.invocation): --tenant NAME is required. See '\(spec.invocation) --help'.")
            }
            return .manage(path: spec.path, arguments: parsed)
        case "log":
            guard let spec = management.first(where: { $0.path == ["log"] }) else { return .print(overview) }
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: spec)
            if parsed.wantsHelp { return .print(spec.helpText) }
            return .manage(path: spec.path, arguments: parsed)
        case "import":
            // `percolator import FILE …` is `percolator members import FILE …`.
            return try parse(["members"] + arguments)
        case "bench":
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: bench)
            if parsed.wantsHelp { return .print(bench.helpText) }
            return .bench(target: parsed.positionals[0], options: parsed.options)
        default:
            if first.hasPrefix("-") {
                throw CommandLineError("percolator: unknown option '\(first)'. See 'percolator --help'.")
            }
            throw CommandLineError("percolator: unknown command '\(first)'. See 'percolator --help'.")
        }
    }
}
