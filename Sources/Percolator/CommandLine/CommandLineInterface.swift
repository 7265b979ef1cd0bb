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
        options: [CommandSpec.Option(name: "iterations", valueName: "N", help: "Iterations per measurement (default depends on the target).")],
        positionals: [(name: "TARGET", help: "What to measure: scim (filter, PATCH, JSON of the SCIM core).")]
    )

    /// Every subcommand.
    public static let commands: [CommandSpec] = [serve, bench]

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
            if arguments.count > 1, let spec = commands.first(where: { $0.path.first == arguments[1] }) {
                return .print(spec.helpText)
            }
            return .print(overview)
        case "serve":
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: serve)
            if parsed.wantsHelp { return .print(serve.helpText) }
            var flags = parsed.options
            let configFile = flags.removeValue(forKey: "config")
            return .serve(flags: flags, configFile: configFile)
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
