#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One thread, one epoll instance, one listening socket (`SO_REUSEPORT`) and the
/// connections it accepted. Everything but ``complete(token:response:)`` and
/// ``requestShutdown()`` runs on the loop's own thread.
final class EventLoop: @unchecked Sendable {
    static let listenerToken: UInt64 = 2
    /// How long a connection closed by the server keeps draining the peer's unread
    /// bytes after its last response, so the peer sees the response and not a reset.
    static let lingerNanoseconds: UInt64 = 2_000_000_000
    static let sweepIntervalNanoseconds: UInt64 = 100_000_000
    /// Idle connections closed at once when a new one arrives at the connection limit:
    /// a batch, so a flood of connections does not scan the table for every accept.
    static let idleEvictionBatch = 16
    /// A head still incomplete this long after its first byte makes its connection a
    /// candidate for closing at the connection limit.
    static let stalledHeadNanoseconds: UInt64 = 1_000_000_000

    /// What an async task hands back to the loop for a connection.
    enum Completion {
        /// The handler's response.
        case response(HTTPResponse)
        /// The route's head check finished: `nil` to read the body, else the refusal.
        case headChecked(HTTPResponse?)
    }

    let context: ServerContext
    private let poller: Poller
    private var listener: Socket?
    private var connections: [UInt64: HTTPConnection] = [:]
    private var lingering: [UInt64: UInt64] = [:]
    private var nextToken: UInt64 = 16
    /// Responses of async handlers waiting for the loop, and whether a wake-up is already
    /// on its way (one eventfd write wakes the loop for any number of completions).
    private let completions = Mutex<(pending: [(token: UInt64, completion: Completion)], wakeScheduled: Bool)>(([], false))
    /// Async work (handlers, head checks) dispatched during this turn of the loop, started
    /// together when the turn ends (see ``startTasks()``).
    private var starts: [@Sendable () async -> Void] = []
    private let shutdownRequested = Atomic<Bool>(false)
    private var shutdownDeadline: UInt64?
    private var date = HTTPDate()
    private var ids = RequestIDGenerator()
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var now: UInt64 = LoopClock.monotonicNanoseconds()
    private var lastSweep: UInt64 = 0
    /// `host:port` of the listening socket, for ``HTTPRequest/listeningAuthority``.
    private let listeningAuthority: String

    init(context: ServerContext, listener: Socket) throws(SocketError) {
        self.context = context
        self.poller = try Poller()
        self.listener = listener
        let host = context.configuration.host
        listeningAuthority = (host.contains(":") ? "[\(host)]" : host) + ":\(try listener.localPort())"
        try poller.register(listener.descriptor, token: Self.listenerToken, readable: true, writable: false)
    }

    // MARK: - Cross-thread entry points

    /// Hands an async handler's response back to the loop. Thread-safe.
    func complete(token: UInt64, response: HTTPResponse) {
        complete(token: token, .response(response))
    }

    /// Hands a completion back to the loop. Thread-safe.
    private func complete(token: UInt64, _ completion: Completion) {
        let needsWake = completions.withLock { state -> Bool in
            state.pending.append((token, completion))
            defer { state.wakeScheduled = true }
            return !state.wakeScheduled
        }
        if needsWake { poller.wake() }
    }

    /// Asks the loop to stop accepting and to drain. Thread-safe.
    func requestShutdown() {
        shutdownRequested.store(true, ordering: .releasing)
        poller.wake()
    }

    // MARK: - The loop

    /// Runs until shutdown has drained every connection or the grace period ended.
    func run() {
        while true {
            poller.poll(timeoutMilliseconds: 100) { event in handle(event) }
            startTasks()
            now = LoopClock.monotonicNanoseconds()
            if now &- lastSweep >= Self.sweepIntervalNanoseconds {
                lastSweep = now
                sweep()
            }
            if shutdownDeadline == nil, shutdownRequested.load(ordering: .acquiring) { beginShutdown() }
            if let deadline = shutdownDeadline, connections.isEmpty || now >= deadline { break }
        }
        for connection in Array(connections.values) { close(connection) }
        if let listener { listener.close() }
        listener = nil
    }

    private func handle(_ event: Poller.Event) {
        now = LoopClock.monotonicNanoseconds()
        switch event.token {
        case Poller.wakeToken:
            drainCompletions()
        case Self.listenerToken:
            acceptConnections()
        default:
            guard let connection = connections[event.token] else { return }
            if event.isHangup && !event.isReadable {
                close(connection)
                return
            }
            if event.isWritable {
                guard flush(connection) else { return }
                // Output drained below the bound: parse the pipelined requests that waited.
                if connection.state == .reading, !connection.input.isEmpty, !isOutputFull(connection) {
                    process(connection)
                    guard connections[connection.token] != nil else { return }
                }
            }
            if event.isReadable { read(connection) }
        }
    }

    private func acceptConnections() {
        guard let listener else { return }
        for _ in 0..<64 {
            let accepted: Socket?
            do { accepted = try listener.accept() } catch { return }
            guard let socket = accepted else { return }
            var open = context.openConnections.add(1, ordering: .relaxed).newValue
            if open > context.configuration.maxConnections, closeLongestIdleConnections() {
                open = context.openConnections.load(ordering: .relaxed)
            }
            if open > context.configuration.maxConnections {
                let busy = Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = busy.withUnsafeBytes { socket.write($0) }
                socket.close()
                context.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            let token = nextToken
            nextToken += 1
            let connection = HTTPConnection(socket: socket, token: token, limits: context.configuration.limits, now: now)
            connection.peerAddress = socket.peerHost() ?? ""
            do {
                try poller.register(socket.descriptor, token: token, readable: true, writable: false)
            } catch {
                socket.close()
                context.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            connections[token] = connection
        }
    }

    /// At the connection limit: closes this loop's longest-idle keep-alive connections
    /// (a batch of them), so a flood of idle sockets cannot lock new clients out — a
    /// health check included. With none idle, connections whose head has been arriving
    /// for over a second (a client sends its head at once; a slowloris does not) go
    /// instead, oldest first. Returns false when there was nothing to close.
    private func closeLongestIdleConnections() -> Bool {
        var candidates = connections.values.filter { $0.isIdle && lingering[$0.token] == nil }
        var since: (HTTPConnection) -> UInt64 = { max($0.lastReadAt, $0.lastWriteProgressAt) }
        if candidates.isEmpty {
            candidates = connections.values.filter {
                $0.state == .reading && $0.isInRequest && $0.head == nil && !$0.hasPendingOutput
                    && lingering[$0.token] == nil && now &- $0.firstByteAt > Self.stalledHeadNanoseconds
            }
            since = { $0.firstByteAt }
        }
        guard !candidates.isEmpty else { return false }
        let oldest = candidates.sorted { since($0) < since($1) }
        for connection in oldest.prefix(Self.idleEvictionBatch) { close(connection) }
        return true
    }

    // MARK: - Reading

    private func read(_ connection: HTTPConnection) {
        let count = readBuffer.withUnsafeMutableBytes { connection.socket.read(into: $0) }
        if count > 0 {
            connection.lastReadAt = now
            if lingering[connection.token] != nil { return }  // draining after the last response
            if !connection.isInRequest {
                connection.isInRequest = true
                connection.firstByteAt = now
            }
            connection.input.append(contentsOf: readBuffer[0..<count])
            if connection.state == .reading { process(connection) }
            return
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            close(connection)
            return
        }
        // End of stream: answer what was received, then close.
        if lingering[connection.token] != nil || connection.state == .reading && !connection.isInRequest {
            close(connection)
            return
        }
        connection.peerClosedInput = true
        updateInterest(connection)
        if connection.state == .reading { process(connection) }
    }

    /// Parses and dispatches as many requests as the buffered bytes hold, and writes.
    private func process(_ connection: HTTPConnection) {
        while true {
            let pausedForOutput = parseRequests(on: connection)
            guard connections[connection.token] != nil else { return }
            if connection.state == .reading, connection.peerClosedInput, !pausedForOutput {
                // The rest of a request can no longer arrive.
                close(connection)
                return
            }
            if connection.input.readIndex > 64 * 1024 { connection.input.compact() }
            guard flush(connection) else { return }
            // The socket may have taken the whole answer at once: go on with the requests
            // that waited; else the writable event resumes them (see handle(_:)).
            guard pausedForOutput, connection.state == .reading, !isOutputFull(connection) else { return }
        }
    }

    /// Parses and dispatches requests until the parser needs more bytes or the
    /// connection stops reading. A client that sends requests without reading the
    /// answers must not make the server queue answers without bound: past the unsent
    /// output bound, parsing (and reading, see updateInterest) stops until the client
    /// has read enough. Returns true when it stopped for that reason.
    private func parseRequests(on connection: HTTPConnection) -> Bool {
        while connection.state == .reading {
            if isOutputFull(connection) { return true }
            let event: HTTPRequestParser.Event?
            do {
                event = try connection.parser.next(&connection.input)
            } catch {
                respondAndClose(connection, status: error.status, detail: error.reason)
                return false
            }
            guard let event else { return false }
            switch event {
            case .head(let head):
                begin(head, on: connection)
                if head.hasBody, case .found(let route, _) = connection.match, let check = route.headCheck {
                    checkHead(head, with: check, on: connection)
                } else {
                    guard acceptBody(of: connection) else { return false }
                }
            case .body(let bytes):
                guard context.reserveBodyBytes(bytes.count) else {
                    refuseBodyForCapacity(connection)
                    return false
                }
                connection.bodyBytesCounted += bytes.count
                connection.body.append(contentsOf: bytes)
            case .end:
                dispatch(connection)
            }
        }
        return false
    }

    private func begin(_ head: HTTPRequestHead, on connection: HTTPConnection) {
        connection.head = head
        connection.body = []
        connection.requestStartedAt = now
        connection.requestStartedAtWall = LoopClock.wallSeconds()
        connection.requestID = ids.id(accepting: head.headers["x-request-id"])
        connection.match = context.router.match(method: head.method, path: head.path)
        if case .found(let route, _) = connection.match, let limit = route.bodyLimit {
            connection.parser.bodyLimit = limit
        }
    }

    /// Runs the route's head check off the loop; the connection is not read meanwhile.
    private func checkHead(_ head: HTTPRequestHead, with check: @escaping Router.HeadCheck, on connection: HTTPConnection) {
        connection.state = .checkingHead
        updateInterest(connection)
        let token = connection.token
        starts.append { [self] in complete(token: token, .headChecked(await check(head))) }
    }

    /// Starts the async work dispatched during this turn of the loop. Several requests
    /// start from one task on the server's task executor, which starts theirs where it
    /// runs: the loop wakes one thread per turn, not one per request (an executor that
    /// keeps a job enqueued from its own thread there, as the SQLite readers' does, runs
    /// them there one after the other, on the thread already awake).
    private func startTasks() {
        guard !starts.isEmpty else { return }
        let work = starts
        starts.removeAll(keepingCapacity: true)
        guard let executor = context.taskExecutor else {
            for item in work { Task { await item() } }
            return
        }
        if work.count == 1, let item = work.first {
            Task(executorPreference: executor) { await item() }
            return
        }
        Task(executorPreference: executor) {
            for item in work { Task(executorPreference: executor) { await item() } }
        }
    }

    /// The head was accepted: refuses a declared body past the route's limit (413) or one
    /// the in-flight bound cannot hold (503), before a byte of it is read, else tells a
    /// client that waits for it to send its body. Returns false when the connection was
    /// closed.
    private func acceptBody(of connection: HTTPConnection) -> Bool {
        guard let head = connection.head, head.hasBody else { return true }
        let declared = head.contentLength ?? 0
        if declared > connection.parser.bodyLimit {
            // RFC 9110 §10.1.1: the declared length decides, so the answer goes now. Left to
            // the parser, it waited for a body byte, and a client holding its body back for
            // a 100 (Continue) after a route's head check heard nothing until it gave up waiting.
            let refusal = HTTPParseError.payloadTooLarge
            respondAndClose(connection, status: refusal.status, detail: refusal.reason)
            return true
        }
        if !context.bodyBytesWouldFit(declared) {
            refuseBodyForCapacity(connection)
            return true
        }
        if head.expectsContinue {
            // RFC 9110 §10.1.1: tell the client to send the body it is holding back.
            connection.output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
            return flush(connection)
        }
        return true
    }

    /// 503 with `Retry-After`, then close: the server holds as many request bodies as
    /// it is configured to.
    private func refuseBodyForCapacity(_ connection: HTTPConnection) {
        respondUnavailableAndClose(connection, detail: "The server is receiving too many request bodies; retry shortly.")
    }

    /// 503 with `Retry-After: 1`, then close.
    private func respondUnavailableAndClose(_ connection: HTTPConnection, detail: String) {
        var response = context.errorResponse(503, detail)
        response.headers.set(name: "Retry-After", value: "1")
        respondAndClose(connection, with: response)
    }

    private func dispatch(_ connection: HTTPConnection) {
        guard let head = connection.head else { return }
        switch connection.match {
        case .found(let route, let parameters):
            var request = HTTPRequest(head: head, body: connection.body, pathParameters: parameters,
                                      route: route.pattern, requestID: connection.requestID)
            request.listeningAuthority = listeningAuthority
            request.peerAddress = connection.peerAddress
            switch route.handler {
            case .inline(let handler):
                respond(connection, with: handler(request))
            case .async(let handler):
                connection.state = .handling
                updateInterest(connection)
                let token = connection.token
                starts.append { [self, request] in complete(token: token, response: await handler(request)) }
            }
        case .methodNotAllowed(let allowed):
            var response = context.errorResponse(405, "The method \(head.method) is not allowed on this endpoint.")
            response.headers.set(name: "Allow", value: allowed.map(\.description).joined(separator: ", "))
            respond(connection, with: response)
        case .notFound:
            respond(connection, with: context.errorResponse(404, "There is no endpoint at this path."))
        }
    }

    private func drainCompletions() {
        let ready = completions.withLock { state -> [(token: UInt64, completion: Completion)] in
            let items = state.pending
            state.pending.removeAll(keepingCapacity: true)
            state.wakeScheduled = false
            return items
        }
        for (token, completion) in ready {
            guard let connection = connections[token] else { continue }
            switch completion {
            case .response(let response):
                guard connection.state == .handling else { continue }
                respond(connection, with: response)
            case .headChecked(let refusal):
                guard connection.state == .checkingHead else { continue }
                if let refusal {
                    // Refused before the body was read: answer, then close (the body is
                    // drained for a moment by linger, never kept).
                    respondAndClose(connection, with: refusal)
                } else {
                    connection.state = .reading
                    connection.lastReadAt = now  // the connection was not read during the check
                    guard acceptBody(of: connection) else { continue }
                }
            }
            guard connections[token] != nil else { continue }
            if connection.state == .reading, !connection.input.isEmpty {
                process(connection)
            } else {
                _ = flush(connection)
            }
        }
    }

    // MARK: - Writing

    /// Queues `response` for the current request (not written until ``flush(_:)``).
    private func respond(_ connection: HTTPConnection, with response: HTTPResponse) {
        let head = connection.head
        let keepAlive = (head?.keepAlive ?? false) && !connection.peerClosedInput && !connection.closeAfterResponse
            && shutdownDeadline == nil
        if connection.requestID.isEmpty { connection.requestID = ids.id(accepting: nil) }
        connection.compactOutput()
        HTTPResponseWriter.write(response, method: head?.method ?? .get, keepAlive: keepAlive,
                                 date: date.now(), requestID: connection.requestID, into: &connection.output)
        if let onRequest = context.onRequest {
            let path = head.map { String($0.path) } ?? ""
            let route: String
            if case .found(let matched, _) = connection.match { route = matched.pattern } else { route = "" }
            let startedAt = connection.head == nil ? now : connection.requestStartedAt
            onRequest(HTTPAccessRecord(
                startedAt: connection.head == nil ? LoopClock.wallSeconds() : connection.requestStartedAtWall,
                requestID: connection.requestID, method: head?.method ?? .other("-"), path: path, route: route,
                status: response.status, bytes: response.body.count,
                duration: Double(now &- startedAt) / 1e9, fields: response.logFields))
        }
        releaseBody(of: connection)
        connection.finishRequest()
        connection.requestID = ""
        if keepAlive {
            connection.state = .reading
            if !connection.input.isEmpty {
                connection.isInRequest = true
                connection.firstByteAt = now
            }
        } else {
            connection.state = .closing
        }
    }

    /// Answers with an error and closes: after a framing error the byte stream can no
    /// longer be trusted (RFC 9112 §6.3, §11.2).
    private func respondAndClose(_ connection: HTTPConnection, status: Int, detail: String) {
        respondAndClose(connection, with: context.errorResponse(status, detail))
    }

    /// Answers with `response` and closes once it is written.
    private func respondAndClose(_ connection: HTTPConnection, with response: HTTPResponse) {
        connection.closeAfterResponse = true
        var response = response
        response.headers.set(name: "Connection", value: "close")
        respond(connection, with: response)
        connection.state = .closing
    }

    /// Stops counting the connection's body in the in-flight total.
    private func releaseBody(of connection: HTTPConnection) {
        context.releaseBodyBytes(connection.bodyBytesCounted)
        connection.bodyBytesCounted = 0
    }

    /// True when the connection's unsent output is past the bound: it is not read or
    /// parsed until the client reads.
    private func isOutputFull(_ connection: HTTPConnection) -> Bool {
        connection.unsentOutputCount >= context.configuration.maxUnsentOutputBytes
    }

    /// Writes what is queued. Returns false when the connection was closed.
    @discardableResult
    private func flush(_ connection: HTTPConnection) -> Bool {
        while connection.outputOffset < connection.output.count {
            let written = connection.output.withUnsafeBytes { raw in
                connection.socket.write(UnsafeRawBufferPointer(rebasing: raw[connection.outputOffset...]))
            }
            if written > 0 {
                connection.outputOffset += written
                connection.lastWriteProgressAt = now
                continue
            }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                updateInterest(connection)
                return true
            }
            close(connection)
            return false
        }
        connection.outputOffset = 0
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 256 * 1024)
        if connection.state == .closing {
            linger(connection)
            return false
        }
        updateInterest(connection)
        return true
    }

    /// Closes after the last response. When the peer may still be sending (the server
    /// gave up on a request before reading all of it), half-closes and drains its bytes
    /// for a short while first: closing with unread data makes the kernel send a reset,
    /// which can destroy the response before the peer reads it.
    private func linger(_ connection: HTTPConnection) {
        guard lingering[connection.token] == nil else { return }
        let mayStillSend = connection.closeAfterResponse || !connection.input.isEmpty
        if connection.peerClosedInput || !mayStillSend {
            close(connection)
            return
        }
        shutdown(connection.socket.descriptor, Int32(SHUT_WR))
        lingering[connection.token] = now + Self.lingerNanoseconds
        connection.watchesReadable = true
        connection.watchesWritable = false
        poller.modify(connection.socket.descriptor, token: connection.token, readable: true, writable: false)
    }

    private func updateInterest(_ connection: HTTPConnection) {
        let readable = connection.state == .reading && !connection.peerClosedInput && !isOutputFull(connection)
        let writable = connection.hasPendingOutput
        guard readable != connection.watchesReadable || writable != connection.watchesWritable else { return }
        connection.watchesReadable = readable
        connection.watchesWritable = writable
        poller.modify(connection.socket.descriptor, token: connection.token, readable: readable, writable: writable)
    }

    private func close(_ connection: HTTPConnection) {
        guard connections.removeValue(forKey: connection.token) != nil else { return }
        lingering[connection.token] = nil
        releaseBody(of: connection)
        // Counted out before the close, so a peer that saw the close sees the count.
        context.openConnections.subtract(1, ordering: .relaxed)
        connection.socket.close()
    }

    // MARK: - Timeouts and shutdown

    private func sweep() {
        let configuration = context.configuration
        let readTimeout = configuration.readTimeout.nanoseconds
        let idleTimeout = configuration.idleTimeout.nanoseconds
        let bodyTimeout = configuration.bodyTimeout.nanoseconds
        for connection in Array(connections.values) {
            if let deadline = lingering[connection.token] {
                if now >= deadline { close(connection) }
                continue
            }
            if connection.hasPendingOutput {
                if now &- connection.lastWriteProgressAt > idleTimeout { close(connection) }
                continue
            }
            if connection.state == .checkingHead, now &- connection.requestStartedAt > readTimeout {
                // A head check that hangs (storage that does not answer) holds no
                // connection for ever; its late answer is ignored.
                respondUnavailableAndClose(connection, detail: "The request could not be checked in time; retry shortly.")
                _ = flush(connection)
                continue
            }
            guard connection.state == .reading else { continue }
            if connection.isInRequest {
                // Slowloris: the whole head within readTimeout; a body never stalls longer than it.
                // And the whole body within bodyTimeout, however steadily it trickles.
                let stalled = connection.head == nil
                    ? now &- connection.firstByteAt > readTimeout
                    : now &- connection.lastReadAt > readTimeout || now &- connection.requestStartedAt > bodyTimeout
                if stalled {
                    respondAndClose(connection, status: 408, detail: "The request was not received in time.")
                    _ = flush(connection)
                }
            } else if now &- max(connection.lastReadAt, connection.lastWriteProgressAt) > idleTimeout {
                close(connection)
            }
        }
    }

    private func beginShutdown() {
        shutdownDeadline = now + context.configuration.shutdownGracePeriod.nanoseconds
        if let listener {
            poller.unregister(listener.descriptor)
            listener.close()
            self.listener = nil
        }
        for connection in Array(connections.values)
        where connection.state == .reading && !connection.isInRequest && !connection.hasPendingOutput {
            close(connection)
        }
    }
}
