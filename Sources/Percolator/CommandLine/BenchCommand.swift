/// `percolator bench TARGET`: micro-benchmarks that print figures (never timed tests).
public enum BenchCommand {
    /// Runs the benchmark `target`; returns the process exit status.
    public static func run(target: String, options: [String: String]) async -> Int32 {
        switch target {
        default:
            ConsoleOutput.standardError("percolator bench: unknown target '\(target)'. See 'percolator bench --help'.\n")
            return 64
        }
    }
}
