/// What the `percolator` command was asked to do.
public enum PercolatorCommand: Sendable, Equatable {
    /// Print this text to standard output and exit 0 (`--help`, `--version`).
    case print(String)
    /// Run the server with these flag values (setting name → value) and config file.
    case serve(flags: [String: String], configFile: String?)
    /// A tenant or token management command (`tenant create`, `token issue`…),
    /// identified by its path, with its parsed arguments.
    case manage(path: [String], arguments: ParsedArguments)
    /// Run a benchmark and print its figures.
    case bench(target: String, options: [String: String])
}
