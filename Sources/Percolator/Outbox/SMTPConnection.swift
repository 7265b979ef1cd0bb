#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to an SMTP relay: writes commands, reads replies. Every
/// connect, write and reply read is bounded by the relay's timeout (`poll` for the
/// connect, `SO_SNDTIMEO` and `SO_RCVTIMEO` after). Blocks its thread: use it from a
/// thread of its own, never from the Swift concurrency pool. Closed when dropped.
struct SMTPConnection: ~Copyable {
    private let descriptor: Int32
    private let timeout: Duration
    private var parser = SMTPReplyParser()

    private init(descriptor: Int32, timeout: Duration) {
        self.descriptor = descriptor
        self.timeout = timeout
    }

    deinit {
        _ = Glibc.close(descriptor)
    }

    /// Resolves `host` and connects to the first of its addresses that accepts within `timeout`.
    static func open(host: String, port: Int, timeout: Duration) throws(SMTPError) -> SMTPConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let first = info else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw .hostResolutionFailed(host: host, reason: reason)
        }
        defer { freeaddrinfo(first) }
        var failure = SMTPError.hostResolutionFailed(host: host, reason: "no address")
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            do {
                let descriptor = try connect(to: address.pointee, timeout: timeout, host: host, port: port)
                return SMTPConnection(descriptor: descriptor, timeout: timeout)
            } catch {
                failure = error
            }
        }
        throw failure
    }

    /// A connected blocking socket to `address` with send and receive timeouts set.
    private static func connect(to address: addrinfo, timeout: Duration, host: String, port: Int) throws(SMTPError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(address.ai_family, type, address.ai_protocol)
        guard descriptor >= 0 else { throw .connectionFailed(host: host, port: port, reason: Self.describe(errno: errno)) }
        do throws(SMTPError) {
            try finishConnecting(descriptor, to: address, timeout: timeout, host: host, port: port)
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
                throw .connectionFailed(host: host, port: port, reason: Self.describe(errno: errno))
            }
            var interval = Self.timeval(timeout)
            let size = socklen_t(MemoryLayout<timeval>.size)
            guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, size) == 0,
                  setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, size) == 0
            else { throw .connectionFailed(host: host, port: port, reason: Self.describe(errno: errno)) }
            return descriptor
        } catch {
            _ = Glibc.close(descriptor)
            throw error
        }
    }

    /// Starts a non-blocking connect and waits for it with `poll`.
    private static func finishConnecting(
        _ descriptor: Int32, to address: addrinfo, timeout: Duration, host: String, port: Int
    ) throws(SMTPError) {
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return }
        guard errno == EINPROGRESS || errno == EINTR else {
            throw .connectionFailed(host: host, port: port, reason: describe(errno: errno))
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut(during: "connect to \(host):\(port)") }
            var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&request, 1, milliseconds(remaining))
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { throw .connectionFailed(host: host, port: port, reason: describe(errno: errno)) }
            if ready == 0 { continue }
            break
        }
        var socketError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0 else {
            throw .connectionFailed(host: host, port: port, reason: describe(errno: errno))
        }
        guard socketError == 0 else {
            if socketError == ETIMEDOUT { throw .timedOut(during: "connect to \(host):\(port)") }
            throw .connectionFailed(host: host, port: port, reason: describe(errno: socketError))
        }
    }

    /// Sends `line` followed by CRLF; `step` names it in errors (never the line itself,
    /// which may hold credentials).
    func send(line: String, step: String) throws(SMTPError) {
        try send(bytes: Array((line + "\r\n").utf8), step: step)
    }

    /// Sends all of `bytes`.
    func send(bytes: [UInt8], step: String) throws(SMTPError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: throw .timedOut(during: step)
                default: throw .connectionLost(during: step, reason: Self.describe(errno: errno))
                }
            }
            offset += written
        }
    }

    /// Reads the next complete reply, waiting at most about the timeout for it.
    mutating func readReply(step: String) throws(SMTPError) -> SMTPReply {
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            do {
                if let reply = try parser.nextReply() { return reply }
            } catch {
                throw .protocolViolation(during: step, detail: error.detail)
            }
            guard ContinuousClock.now < deadline else { throw .timedOut(during: step) }
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: throw .timedOut(during: step)
                default: throw .connectionLost(during: step, reason: Self.describe(errno: errno))
                }
            }
            if received == 0 { throw .connectionLost(during: step, reason: "the relay closed the connection") }
            parser.append(chunk[0..<received])
        }
    }

    private static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        let microseconds = attoseconds / 1_000_000_000_000
        // A zero timeval would mean "wait forever": keep at least one microsecond.
        if seconds <= 0 && microseconds <= 0 { return Glibc.timeval(tv_sec: 0, tv_usec: 1) }
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(microseconds))
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, total))
    }
}
