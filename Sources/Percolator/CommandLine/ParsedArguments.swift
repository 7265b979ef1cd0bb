/// The arguments of one subcommand after parsing against its ``CommandSpec``.
public struct ParsedArguments: Sendable, Equatable {
    /// Option values by option name (without `--`); the last occurrence wins.
    public var options: [String: String] = [:]
    /// The boolean flags given.
    public var flags: Set<String> = []
    /// Positional arguments in order.
    public var positionals: [String] = []
    /// True when `--help` or `-h` was given.
    public var wantsHelp = false

    public init() {}

    /// Parses `arguments` (the words after the subcommand path) against `spec`.
    public init(_ arguments: [String], spec: CommandSpec) throws(CommandLineError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                wantsHelp = true
                continue
            }
            guard argument.hasPrefix("--") else {
                throw CommandLineError("\(spec.invocation): unknown option '\(argument)'. See '\(spec.invocation) --help'.")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if spec.flags.contains(where: { $0.name == name }) {
                guard inlineValue == nil else {
                    throw CommandLineError("\(spec.invocation): --\(name) takes no value. See '\(spec.invocation) --help'.")
                }
                flags.insert(name)
            } else if spec.options.contains(where: { $0.name == name }) {
                if let inlineValue {
                    options[name] = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw CommandLineError("\(spec.invocation): --\(name) needs a value. See '\(spec.invocation) --help'.")
                    }
                    options[name] = arguments[index]
                    index += 1
                }
            } else {
                throw CommandLineError("\(spec.invocation): unknown option '--\(name)'. See '\(spec.invocation) --help'.")
            }
        }
        if wantsHelp { return }
        if positionals.count > spec.positionals.count {
            throw CommandLineError("\(spec.invocation): unexpected argument '\(positionals[spec.positionals.count])'. See '\(spec.invocation) --help'.")
        }
        if positionals.count < spec.positionals.count {
            throw CommandLineError("\(spec.invocation): missing argument \(spec.positionals[positionals.count].name). See '\(spec.invocation) --help'.")
        }
    }
}
