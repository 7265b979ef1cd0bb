#if canImport(Glibc)
import Glibc
#endif

/// A failed system call on a socket, with the `errno` it set.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The system call, e.g. `bind`.
    public var operation: String
    public var errno: Int32

    public init(_ operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
