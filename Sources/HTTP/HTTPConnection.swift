/// One client connection, owned and touched only by its event loop.
///
/// Requests are handled one at a time: while a handler runs, the parser is paused, so
/// pipelined requests are answered in order. Bytes that arrive meanwhile wait in
/// ``input``.
final class HTTPConnection {
    /// Where the connection is in its request cycle.
    enum State {
        /// Reading a request head or body (or idle between requests).
        case reading
        /// The route's head check runs on the head; the body is not read meanwhile.
        case checkingHead
        /// A handler is running; the parser is paused.
        case handling
        /// The last response is queued; close once it is written.
        case closing
    }

    let socket: Socket
    let token: UInt64
    var state: State = .reading
    var input = InputBuffer()
    var parser: HTTPRequestParser
    var output: [UInt8] = []
    var outputOffset = 0

    /// The head of the request being read, once complete.
    var head: HTTPRequestHead?
    /// The body read so far. It grows with what arrives: a declared `Content-Length`
    /// reserves nothing, so a head that lies costs no memory.
    var body: [UInt8] = []
    /// Body bytes of this request counted in the server's in-flight total.
    var bodyBytesCounted = 0
    var match: Router.Match = .notFound
    var requestID = ""
    var requestStartedAtWall: Double = 0
    var requestStartedAt: UInt64 = 0

    /// True from the first byte of a request until its response is queued.
    var isInRequest = false
    /// When the first byte of the current request arrived.
    var firstByteAt: UInt64 = 0
    var lastReadAt: UInt64
    var lastWriteProgressAt: UInt64
    /// The peer's IP address (`127.0.0.1`), read once at accept; empty when unknown.
    var peerAddress = ""
    /// The peer closed its sending side; answer what was received, then close.
    var peerClosedInput = false
    /// The server decided to close after the current response (framing error, timeout).
    var closeAfterResponse = false

    /// What the poller watches now, to avoid redundant epoll_ctl calls.
    var watchesReadable = true
    var watchesWritable = false

    init(socket: Socket, token: UInt64, limits: HTTPRequestParser.Limits, now: UInt64) {
        self.socket = socket
        self.token = token
        self.parser = HTTPRequestParser(limits: limits)
        self.lastReadAt = now
        self.lastWriteProgressAt = now
    }

    /// True when a response is partly written.
    var hasPendingOutput: Bool { outputOffset < output.count }

    /// Response bytes queued and not yet written.
    var unsentOutputCount: Int { output.count - outputOffset }

    /// Drops the bytes already written from the front of ``output``, so a client that
    /// reads slowly but never quite catches up does not make it grow.
    func compactOutput() {
        guard outputOffset > 0 else { return }
        output.removeFirst(outputOffset)
        outputOffset = 0
    }

    /// True when the connection was idle (no request in progress, nothing to write)
    /// at its last activity.
    var isIdle: Bool { state == .reading && !isInRequest && !hasPendingOutput }

    /// Resets the per-request state after a response is queued.
    func finishRequest() {
        head = nil
        body = []
        match = .notFound
        isInRequest = false
    }
}
