#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// A blocking loopback TCP client that speaks HTTP/1.1 byte by byte, for end-to-end
/// tests: it sends exactly what a test writes and reads responses one at a time.
public final class RawClient: @unchecked Sendable {
    /// One response as read off the wire; header names lower-cased.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct ClientError: Error, CustomStringConvertible {
        public var description: String
    }

    private let descriptor: Int32
    private var pending: [UInt8] = []

    public init(port: UInt16, timeoutSeconds: Int = 30) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw ClientError(description: "connect failed: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += written
        }
    }

    /// Half-closes the sending side.
    public func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads one response off the concurrency pool, whose threads the server's async
    /// handlers need. `bodyless` for the answer to a HEAD request.
    public func readResponse(bodyless: Bool = false) async throws -> Response {
        try await offPool { try self.readResponseBlocking(bodyless: bodyless) }
    }

    /// True when the server closes the connection before the timeout.
    public func waitForClose() async -> Bool {
        (try? await offPool { self.waitForCloseBlocking() }) ?? false
    }

    /// Runs a blocking call on a thread of its own: a new serial queue targets libdispatch's
    /// overcommit pool, whereas `DispatchQueue.global()` is only as wide as the CPU count,
    /// so a few blocked reads would stall every other test's queued work.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "raw-client").async { continuation.resume(with: Result { try body() }) }
        }
    }

    private func readResponseBlocking(bodyless: Bool) throws -> Response {
        while true {
            if let end = headEnd() {
                let head = String(decoding: pending[0..<end], as: UTF8.self)
                var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
                    throw ClientError(description: "bad status line: \(head)")
                }
                var headers: [String: String] = [:]
                for line in lines where !line.isEmpty {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingCharacters(in: " ")
                }
                let length = bodyless || (100..<200).contains(status) || status == 204 || status == 304 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while pending.count < end + 4 + length { try fill() }
                let body = Array(pending[(end + 4)..<(end + 4 + length)])
                pending.removeFirst(end + 4 + length)
                return Response(status: status, headers: headers, body: body)
            }
            try fill()
        }
    }

    private func waitForCloseBlocking() -> Bool {
        var byte: UInt8 = 0
        while true {
            let count = recv(descriptor, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw ClientError(description: count == 0 ? "connection closed" : "recv failed: errno \(errno)") }
        pending.append(contentsOf: chunk[0..<count])
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
