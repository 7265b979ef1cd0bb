#if canImport(Glibc)
import Glibc
#endif
import CLinuxShim

/// An epoll instance with an eventfd to wake it from other threads.
/// Owned by one event loop; only ``wake()`` may be called from another thread.
final class Poller: @unchecked Sendable {
    /// Readiness reported for one registered descriptor.
    struct Event {
        var token: UInt64
        var isReadable: Bool
        var isWritable: Bool
        var isHangup: Bool
    }

    /// The token under which the wake-up eventfd is registered.
    static let wakeToken: UInt64 = 1

    private let epoll: Int32
    private let wakeDescriptor: Int32
    private var eventMasks = [UInt32](repeating: 0, count: 256)
    private var eventTokens = [UInt64](repeating: 0, count: 256)

    init() throws(SocketError) {
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SocketError("epoll_create1", errno: errno) }
        let wake = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wake >= 0 else {
            close(epoll)
            throw SocketError("eventfd", errno: errno)
        }
        self.epoll = epoll
        self.wakeDescriptor = wake
        try register(wake, token: Self.wakeToken, readable: true, writable: false)
    }

    deinit {
        close(wakeDescriptor)
        close(epoll)
    }

    /// Starts watching `descriptor`.
    func register(_ descriptor: Int32, token: UInt64, readable: Bool, writable: Bool) throws(SocketError) {
        guard percolator_epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, Self.mask(readable, writable), token) == 0 else {
            throw SocketError("epoll_ctl(ADD)", errno: errno)
        }
    }

    /// Changes what `descriptor` is watched for.
    func modify(_ descriptor: Int32, token: UInt64, readable: Bool, writable: Bool) {
        _ = percolator_epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, Self.mask(readable, writable), token)
    }

    /// Stops watching `descriptor` (closing it does that too).
    func unregister(_ descriptor: Int32) {
        _ = percolator_epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, 0, 0)
    }

    /// Waits up to `timeoutMilliseconds` and calls `body` for each ready descriptor.
    /// The wake-up eventfd is drained here and reported with ``wakeToken``.
    func poll(timeoutMilliseconds: Int32, _ body: (Event) -> Void) {
        let count = eventMasks.withUnsafeMutableBufferPointer { masks in
            eventTokens.withUnsafeMutableBufferPointer { tokens in
                percolator_epoll_wait(epoll, masks.baseAddress, tokens.baseAddress, Int32(masks.count), timeoutMilliseconds)
            }
        }
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let mask = eventMasks[index]
            let token = eventTokens[index]
            if token == Self.wakeToken {
                var value: UInt64 = 0
                _ = read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
            }
            body(Event(token: token,
                       isReadable: mask & EPOLLIN.rawValue != 0,
                       isWritable: mask & EPOLLOUT.rawValue != 0,
                       isHangup: mask & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0))
        }
    }

    /// Wakes the thread blocked in ``poll(timeoutMilliseconds:_:)``. Thread-safe.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    private static func mask(_ readable: Bool, _ writable: Bool) -> UInt32 {
        (readable ? EPOLLIN.rawValue | EPOLLRDHUP.rawValue : 0) | (writable ? EPOLLOUT.rawValue : 0)
    }
}
