#if canImport(Glibc)
import Glibc
#endif
import CLinuxShim

/// A TCP socket file descriptor and the few calls the server makes on it.
/// Not a class: the event loop that owns a descriptor closes it exactly once.
struct Socket {
    let descriptor: Int32

    /// A non-blocking IPv4 or IPv6 listening socket bound to `host:port` with
    /// `SO_REUSEADDR` and `SO_REUSEPORT`, so that every event loop can own one.
    ///
    /// `SO_REUSEPORT` lets any process of the same user join the port as well, and the
    /// kernel then spreads connections over both: call ``ensureNoListener(host:port:)``
    /// before the first of these on a fixed port.
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> Socket {
        let fd = try bound(host: host, port: port, reusePort: true)
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw SocketError("listen", errno: error)
        }
        return Socket(descriptor: fd)
    }

    /// Throws `EADDRINUSE` when a socket already listens on `host:port`, its own
    /// `SO_REUSEPORT` or not: another server, or a second Percolator started on the same
    /// port, which the kernel would otherwise hand half of the connections (perhaps on
    /// another database). Binds a socket without `SO_REUSEPORT` there and closes it; a
    /// listener that appears between this check and the server's own binds (two servers
    /// started within the same instant) is not seen.
    static func ensureNoListener(host: String, port: UInt16) throws(SocketError) {
        Glibc.close(try bound(host: host, port: port, reusePort: false))
    }

    /// A non-blocking socket bound to `host:port` (resolved once, as the server starts),
    /// with `SO_REUSEADDR`, and `SO_REUSEPORT` when `reusePort` is set.
    private static func bound(host: String, port: UInt16, reusePort: Bool) throws(SocketError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV  // host may be a name ("localhost"), resolved once at start-up
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let address = info else {
            throw SocketError("getaddrinfo(\(host))", errno: status == EAI_SYSTEM ? errno : EINVAL)
        }
        defer { freeaddrinfo(info) }
        let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket", errno: errno) }
        _ = percolator_setsockopt_int(fd, SOL_SOCKET, SO_REUSEADDR, 1)
        if reusePort { _ = percolator_setsockopt_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) }
        guard bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let error = errno
            Glibc.close(fd)
            throw SocketError("bind(\(host):\(port))", errno: error)
        }
        return fd
    }

    /// The local port the socket is bound to.
    func localPort() throws(SocketError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw SocketError("getsockname", errno: errno) }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
        default:
            throw SocketError("getsockname", errno: EAFNOSUPPORT)
        }
    }

    /// The peer's IP address as text (`127.0.0.1`, `::1`), or `nil` when the socket has
    /// no IPv4 or IPv6 peer.
    func peerHost() -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        guard result == 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written: UnsafePointer<CChar>? = withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin_addr) { inet_ntop(AF_INET, $0, &text, socklen_t(text.count)) }
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin6_addr) { inet_ntop(AF_INET6, $0, &text, socklen_t(text.count)) }
                }
            default:
                return nil
            }
        }
        guard written != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY`;
    /// `nil` when none is pending.
    func accept() throws(SocketError) -> Socket? {
        let fd = percolator_accept_nonblocking(descriptor)
        if fd < 0 {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
            default: throw SocketError("accept", errno: errno)
            }
        }
        _ = percolator_setsockopt_int(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        return Socket(descriptor: fd)
    }

    /// Reads into `buffer`; returns the count, 0 at end of stream, or -1 with `errno` set.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        Glibc.read(descriptor, buffer.baseAddress, buffer.count)
    }

    /// Writes from `buffer` without raising SIGPIPE; returns the count or -1 with `errno` set.
    func write(_ buffer: UnsafeRawBufferPointer) -> Int {
        send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
