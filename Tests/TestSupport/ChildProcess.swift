import Glibc
import Synchronization

/// A child process started with `posix_spawn`, for tests that run curl, the real
/// `percolator` binary or the SMTP sink.
///
/// Foundation's `Process.run()` on Linux (swift-corelibs-foundation before PR #5472, which
/// Swift 6.3.1 predates) crashes now and then in `findMaximumOpenFromProcSelfFD()`, which
/// copies a whole `d_name[256]` out of `readdir`'s buffer and reads past its end; a suite
/// that starts many child processes while holding many descriptors hits it. This type
/// spawns directly: the child gets the pipes asked for, and every other descriptor of
/// the test process is closed in it (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34).
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The test process's own.
        case inherit
        /// `/dev/null`.
        case null
        /// A pipe whose other end the test reads (output) or writes (input).
        case pipe
        /// A file, created if needed and appended to.
        case file(String)
        /// The same as the child's standard output (for standard error only).
        case standardOutput
    }

    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The child's process id.
    public let pid: pid_t
    /// The write end of the child's standard input, with ``Stream/pipe``.
    public let standardInput: Int32?
    /// The read end of the child's standard output, with ``Stream/pipe``.
    public let standardOutput: Int32?
    /// The read end of the child's standard error, with ``Stream/pipe``.
    public let standardError: Int32?
    /// The exit status once reaped.
    private let status = Mutex<Int32?>(nil)
    private let inputOpen = Atomic<Bool>(true)

    /// Starts `executable` (a path) with `arguments` (without argv[0]), in `environment`
    /// when given (else the test process's own).
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                standardInput input: Stream = .null, standardOutput output: Stream = .inherit,
                standardError error: Stream = .inherit) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32?] = [nil, nil, nil]
        var childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        func plan(_ stream: Stream, _ target: Int32) throws {
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            case .standardOutput:
                posix_spawn_file_actions_adddup2(&actions, 1, target)
            case .pipe:
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else { throw SpawnError(description: "pipe: errno \(errno)") }
                // Close-on-exec, so a process spawned meanwhile by another thread does not
                // inherit them (this child gets its end through dup2, which clears the flag).
                ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
                let (childEnd, parentEnd) = target == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                childEnds.append(childEnd)
                parentEnds[Int(target)] = parentEnd
            }
        }
        try plan(input, 0)
        try plan(output, 1)
        try plan(error, 2)
        Self.closeFrom(3, in: &actions)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environmentPairs: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { environmentPairs?.forEach { free($0) } }
        var pid: pid_t = 0
        let code = environmentPairs.map { pairs in posix_spawn(&pid, executable, &actions, nil, argv, pairs) }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else {
            parentEnds.compactMap { $0 }.forEach { close($0) }
            throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(code)))")
        }
        self.pid = pid
        standardInput = parentEnds[0]
        standardOutput = parentEnds[1]
        standardError = parentEnds[2]
    }

    deinit {
        if isRunning { kill(pid, SIGKILL) }
        _ = waitForExit()
        if let standardInput, inputOpen.exchange(false, ordering: .relaxed) { close(standardInput) }
        standardOutput.map { _ = close($0) }
        standardError.map { _ = close($0) }
    }

    /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time: the Glibc module
    /// does not export it.
    private static func closeFrom(_ descriptor: Int32, in actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, descriptor)
    }

    /// Closes the child's standard input (it reads end of file).
    public func closeStandardInput() {
        if let standardInput, inputOpen.exchange(false, ordering: .relaxed) { close(standardInput) }
    }

    /// Sends `signal` to the child, unless it was already reaped.
    public func signal(_ signal: Int32) {
        if status.withLock({ $0 == nil }) { kill(pid, signal) }
    }

    /// Whether the child has not exited yet (reaping it if it has).
    public var isRunning: Bool {
        status.withLock { status in
            guard status == nil else { return false }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid { status = Self.exitStatus(raw); return false }
            return reaped == 0
        }
    }

    /// Waits for the child to exit (blocking) and returns its exit code, or the signal
    /// number that ended it (as Foundation's `terminationStatus` does).
    @discardableResult
    public func waitForExit() -> Int32 {
        if let known = status.withLock({ $0 }) { return known }
        var raw: Int32 = 0
        while true {
            let reaped = waitpid(pid, &raw, 0)
            if reaped == pid { break }
            if reaped == -1, errno == EINTR { continue }
            return status.withLock { $0 } ?? -1  // reaped by isRunning meanwhile
        }
        let exit = Self.exitStatus(raw)
        status.withLock { $0 = exit }
        return exit
    }

    /// Everything readable from `descriptor` until end of file (retrying interrupted reads).
    public static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { bytes += buffer[0..<count]; continue }
            if count == -1, errno == EINTR { continue }
            return bytes
        }
    }

    private static func exitStatus(_ raw: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Glibc exports as macros Swift cannot call.
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : signal
    }
}
