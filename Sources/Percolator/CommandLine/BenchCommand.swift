import Coffee
/// `percolator bench TARGET`: micro-benchmarks that print figures (never timed tests).
public enum BenchCommand {
    /// Runs the benchmark `target`; returns the process exit status.
    public static func run(target: String, options: [String: String]) async -> Int32 {
        let iterations = options["iterations"].flatMap(Int.init)
        switch target {
        case "scim":
            #if DEBUG
            ConsoleOutput.standardError("note: this is a debug build; run 'swift run -c release percolator bench scim' for real figures.\n")
            #endif
            ConsoleOutput.standardOutput(SCIMCoreBenchmark.run(iterations: iterations ?? 20_000))
            return 0
        case "matching":
            #if DEBUG
            ConsoleOutput.standardError("note: this is a debug build; run 'swift run -c release percolator bench matching' for real figures.\n")
            #endif
            let sizes = options["sizes"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1_000, 10_000, 100_000]
            ConsoleOutput.standardOutput(MatchingBenchmark.run(sizes: sizes))
            return 0
        case "sync":
            #if DEBUG
            ConsoleOutput.standardError("note: this is a debug build; run 'swift run -c release percolator bench sync' for real figures.\n")
            #endif
            ConsoleOutput.standardOutput(SyncPlanningBenchmark.run(size: options["rows"].flatMap(Int.init) ?? 100_000))
            return 0
        case "import":
            #if DEBUG
            ConsoleOutput.standardError("note: this is a debug build; run 'swift run -c release percolator bench import' for real figures.\n")
            #endif
            do {
                ConsoleOutput.standardOutput(try await ImportBenchmark.run(rows: options["rows"].flatMap(Int.init) ?? 100_000) + "\n")
            } catch {
                ConsoleOutput.standardError("percolator bench import: \(error)\n")
                return 70  // EX_SOFTWARE
            }
            return 0
        default:
            ConsoleOutput.standardError("percolator bench: unknown target '\(target)'. See 'percolator bench --help'.\n")
            return 64
        }
    }
}
