#if canImport(Glibc)
import Glibc
#endif

/// Loopback TCP ports in the states the SMTP failure tests need.
enum LoopbackPorts {
    /// A listening socket on 127.0.0.1 that never accepts: a client connects (the kernel
    /// completes the handshake) and then waits forever for a greeting. Close it after use.
    static func silentListener() -> (descriptor: Int32, port: Int)? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            close(descriptor)
            return nil
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 where nothing listens: one that was just bound, then closed.
    static func refusingPort() -> Int? {
        guard let listener = silentListener() else { return nil }
        close(listener.descriptor)
        return listener.port
    }
}
