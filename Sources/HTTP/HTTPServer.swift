#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An HTTP/1.1 server: one event loop thread per configured loop, each with its own
/// epoll instance and `SO_REUSEPORT` listening socket, so the kernel spreads
/// connections across cores. Handlers run inline on a loop or on the Swift
/// concurrency pool (see ``HTTPHandler``); no blocking call runs on that pool.
public final class HTTPServer: Sendable {
    private struct State {
        var loops: [EventLoop] = []
        var port: UInt16 = 0
        var running = 0
        var started = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let context: ServerContext
    private let state = Mutex(State())

    /// A server that answers with `router`. `errorResponse` renders the errors the
    /// server itself produces (404, 405, 408, 413, 431, 400…); `onRequest` is called on
    /// a loop thread after each response is queued, for logs and metrics. With a
    /// `taskExecutor`, async handlers run on it (`Task(executorPreference:)`), for example
    /// on the threads that own the storage connections they read.
    public init(configuration: ServerConfiguration, router: Router,
                errorResponse: @escaping @Sendable (_ status: Int, _ detail: String) -> HTTPResponse = { status, detail in
                    .text(status, detail + "\n")
                },
                onRequest: (@Sendable (HTTPAccessRecord) -> Void)? = nil,
                taskExecutor: (any TaskExecutor)? = nil) {
        context = ServerContext(configuration: configuration, router: router,
                                errorResponse: errorResponse, onRequest: onRequest, taskExecutor: taskExecutor)
    }

    /// The bound port, once started (useful with port 0).
    public var port: UInt16 { state.withLock { $0.port } }

    /// Connections open now.
    public var openConnections: Int { context.openConnections.load(ordering: .relaxed) }

    /// Binds, listens and starts the loop threads. Returns the bound port.
    @discardableResult
    public func start() throws(SocketError) -> UInt16 {
        let configuration = context.configuration
        var loops: [EventLoop] = []
        var port = configuration.port
        do {
            // A fixed port someone already listens on is refused, as without SO_REUSEPORT.
            if port != 0 { try Socket.ensureNoListener(host: configuration.host, port: port) }
            for _ in 0..<max(1, configuration.eventLoopCount) {
                let listener = try Socket.listen(host: configuration.host, port: port, backlog: configuration.backlog)
                if port == 0 { port = try listener.localPort() }
                loops.append(try EventLoop(context: context, listener: listener))
            }
        } catch {
            for loop in loops { loop.requestShutdown() }
            throw error
        }
        let boundPort = port
        state.withLock {
            $0.loops = loops
            $0.port = boundPort
            $0.running = loops.count
            $0.started = true
        }
        for (index, loop) in loops.enumerated() {
            do {
                try LoopThread.start { [self] in
                    loop.run()
                    loopDidExit()
                }
            } catch {
                // Loops that did not start will never exit on their own.
                for _ in index..<loops.count { loopDidExit() }
                beginShutdown()
                throw error
            }
        }
        return boundPort
    }

    /// Stops accepting, lets in-flight requests finish within the grace period, and
    /// returns once every loop has stopped.
    public func shutdown() async {
        beginShutdown()
        await waitUntilStopped()
    }

    /// Stops accepting and starts draining; returns at once.
    public func beginShutdown() {
        for loop in state.withLock({ $0.loops }) { loop.requestShutdown() }
    }

    /// Returns once every loop has stopped (at once if the server never started).
    public func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.running == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func loopDidExit() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
