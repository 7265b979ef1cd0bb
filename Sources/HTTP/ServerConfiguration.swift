/// Where the server listens and the limits it enforces. Every limit is a named value
/// with its default in the doc comment; `percolator serve` documents how to set them.
public struct ServerConfiguration: Sendable {
    /// The address to bind. Default `127.0.0.1`.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one. Default 8080.
    public var port: UInt16 = 8080
    /// Event loop threads, each with its own epoll and listening socket
    /// (`SO_REUSEPORT`). Default: one per core.
    public var eventLoopCount: Int = ServerConfiguration.coreCount
    /// Request head and body limits: head 32 KiB (→ 431), 100 header lines (→ 431),
    /// body 1 MiB (→ 413) unless a route sets its own.
    public var limits = HTTPRequestParser.Limits()
    /// Open connections across all loops. At the limit a new connection closes the
    /// loop's longest-idle keep-alive connections to make room, else those whose head
    /// has been trickling in for over a second (so a flood of idle or slowloris sockets
    /// cannot lock out `/healthz`); when there is none it gets 503 and is closed.
    /// Default 10,000.
    public var maxConnections: Int = 10_000
    /// Time a client has to send a complete request head, and at most between two
    /// reads of a body; past it the server answers 408 and closes. A route's head check
    /// gets as long, else 503 and close. Default 10 s.
    public var readTimeout: Duration = .seconds(10)
    /// Time a request body has to arrive in full, from the end of its head, however
    /// steadily its bytes trickle in; past it the server answers 408 and closes.
    /// Default 120 s.
    public var bodyTimeout: Duration = .seconds(120)
    /// Request body bytes held across all connections and loops, from the first byte
    /// read until the response is queued. A body that would pass it is answered 503
    /// with `Retry-After` and its connection closed. Default 256 MiB.
    public var maxBodyBytesInFlight: Int = 256 * 1024 * 1024
    /// Unsent response bytes past which a connection is not read: further pipelined
    /// requests wait until the client reads what it was sent. Default 256 KiB.
    public var maxUnsentOutputBytes: Int = 256 * 1024
    /// Time an idle keep-alive connection stays open. Default 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// Time in-flight requests get to finish after shutdown begins. Default 10 s.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// The listen backlog. Default 1024.
    public var backlog: Int32 = 1024
    /// The reverse proxies whose `X-Forwarded-For` names the client (`trusted-proxies`);
    /// none by default. See ``TrustedProxies/clientAddress(of:)``.
    public var trustedProxies = TrustedProxies()

    public init() {}

    /// Number of online processors.
    public static var coreCount: Int { max(1, Int(sysconfCoreCount())) }
}

#if canImport(Glibc)
import Glibc
private func sysconfCoreCount() -> Int { sysconf(Int32(_SC_NPROCESSORS_ONLN)) }
#else
private func sysconfCoreCount() -> Int { 1 }
#endif
