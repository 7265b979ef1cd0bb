/// What one subcommand accepts: options with a value (`--port 8080` or `--port=8080`),
/// boolean flags (`--admin`), and positional arguments. Also renders its `--help`.
public struct CommandSpec: Sendable {
    /// An option that takes a value.
    public struct Option: Sendable {
        public var name: String
        public var valueName: String
        public var help: String

        public init(name: String, valueName: String, help: String) {
            self.name = name
            self.valueName = valueName
            self.help = help
        }
    }

    /// A boolean flag.
    public struct Flag: Sendable {
        public var name: String
        public var help: String

        public init(name: String, help: String) {
            self.name = name
            self.help = help
        }
    }

    /// The words that invoke it, e.g. `["token", "issue"]`.
    public var path: [String]
    public var summary: String
    public var options: [Option]
    public var flags: [Flag]
    /// Positional arguments as `(name, help)`; all are required.
    public var positionals: [(name: String, help: String)]

    public init(path: [String], summary: String, options: [Option] = [], flags: [Flag] = [],
                positionals: [(name: String, help: String)] = []) {
        self.path = path
        self.summary = summary
        self.options = options
        self.flags = flags
        self.positionals = positionals
    }

    /// `percolator serve`, for messages.
    public var invocation: String { (["percolator"] + path).joined(separator: " ") }

    /// The `--help` text.
    public var helpText: String {
        var lines = ["\(summary)", "", "Usage: \(invocation)\(options.isEmpty && flags.isEmpty ? "" : " [options]")"
            + positionals.map { " \($0.name)" }.joined()]
        if !positionals.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            for positional in positionals { lines.append(Self.row(positional.name, positional.help)) }
        }
        if !options.isEmpty || !flags.isEmpty {
            lines.append("")
            lines.append("Options:")
            for option in options { lines.append(Self.row("--\(option.name) \(option.valueName)", option.help)) }
            for flag in flags { lines.append(Self.row("--\(flag.name)", flag.help)) }
        }
        lines.append(Self.row("--help", "Show this help."))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 30 ? left + String(repeating: " ", count: 30 - left.count) : left + "  "
        return "  " + padded + right
    }
}
