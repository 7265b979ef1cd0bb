#if canImport(Glibc)
import Glibc
#endif
import HTTP
import Percolator

// SIGINT/SIGTERM start a graceful shutdown instead of killing the process.
ShutdownSignals.block()

let command: PercolatorCommand
do {
    command = try CommandLineInterface.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    ConsoleOutput.standardError(error.message + "\n")
    exit(64)  // EX_USAGE
}

switch command {
case .print(let text):
    ConsoleOutput.standardOutput(text)
case .serve(let flags, let configFile):
    exit(await ServeCommand.run(flags: flags, configFile: configFile))
case .manage(let path, let arguments):
    exit(await ManagementCommand.run(path: path, arguments: arguments))
case .bench(let target, let options):
    exit(await BenchCommand.run(target: target, options: options))
}
