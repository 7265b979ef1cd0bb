/// An incremental HTTP/1.1 request parser (RFC 9112): a pure state machine fed bytes,
/// with no I/O, so it can be tested by splitting the input at every offset.
///
/// Call ``next(_:)`` until it returns `nil` (more bytes needed). Each request yields
/// `.head`, then zero or more `.body` slices, then `.end`. After `.head` the caller may
/// lower or raise the body limit for that request (``bodyLimit``) before the next call:
/// a declared `Content-Length` above the limit then fails with `.payloadTooLarge`
/// without a byte of the body being read.
public struct HTTPRequestParser: Sendable {
    /// What the parser found.
    public enum Event: Sendable, Equatable {
        case head(HTTPRequestHead)
        case body(ArraySlice<UInt8>)
        case end
    }

    /// Limits on a request head.
    public struct Limits: Sendable, Equatable {
        /// Bytes of request line plus header fields. Default 32 KiB; above → 431.
        public var maxHeaderBytes: Int = 32 * 1024
        /// Number of header field lines. Default 100; above → 431.
        public var maxHeaderCount: Int = 100
        /// Body bytes when the caller sets no other limit. Default 1 MiB; above → 413.
        public var maxBodyBytes: Int = 1024 * 1024
        /// Bytes of a chunk-size line including extensions. Default 1 KiB; above → 400.
        public var maxChunkLineBytes: Int = 1024

        public init() {}
    }

    enum State: Sendable {
        case head(scanned: Int)
        case headDelivered
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
        case failed(HTTPParseError)
    }

    public var limits: Limits
    /// The body limit for the request being parsed. Reset to `limits.maxBodyBytes` at
    /// every new request; may be changed after `.head`.
    public var bodyLimit: Int
    var state: State = .head(scanned: 0)
    var currentHead: HTTPRequestHead?
    var bodyReceived = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
        self.bodyLimit = limits.maxBodyBytes
    }

    /// True between `.end` of one request and the first byte of the next.
    public var isIdle: Bool {
        if case .head(let scanned) = state { return scanned == 0 }
        return false
    }

    /// Parses what it can from `buffer`, consuming the bytes it used.
    /// Returns `nil` when it needs more bytes. After an error, every call throws it again.
    public mutating func next(_ buffer: inout InputBuffer) throws(HTTPParseError) -> Event? {
        do {
            return try step(&buffer)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step(_ buffer: inout InputBuffer) throws(HTTPParseError) -> Event? {
        switch state {
        case .failed(let error):
            throw error
        case .head(let scanned):
            return try parseHead(&buffer, scanned: scanned)
        case .headDelivered:
            try startBody()
            return try step(&buffer)
        case .body(let remaining):
            if remaining == 0 { return finish() }
            guard buffer.readableCount > 0 else { return nil }
            let count = min(remaining, buffer.readableCount)
            let slice = buffer.storage[buffer.readIndex..<(buffer.readIndex + count)]
            buffer.consume(count)
            state = .body(remaining: remaining - count)
            return .body(slice)
        case .chunkSize:
            return try parseChunkSize(&buffer)
        case .chunkData(let remaining):
            guard buffer.readableCount > 0 else { return nil }
            let count = min(remaining, buffer.readableCount)
            let slice = buffer.storage[buffer.readIndex..<(buffer.readIndex + count)]
            buffer.consume(count)
            state = remaining == count ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            return .body(slice)
        case .chunkDataEnd:
            guard buffer.readableCount >= 2 else { return nil }
            guard buffer[0] == .cr, buffer[1] == .lf else { throw .badRequest("chunk data is not followed by CRLF") }
            buffer.consume(2)
            state = .chunkSize
            return try step(&buffer)
        case .trailers(let bytes):
            return try parseTrailers(&buffer, bytes: bytes)
        }
    }

    private mutating func finish() -> Event {
        state = .head(scanned: 0)
        currentHead = nil
        return .end
    }

    // MARK: - Head

    private mutating func parseHead(_ buffer: inout InputBuffer, scanned: Int) throws(HTTPParseError) -> Event? {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
        if scanned == 0 {
            while buffer.readableCount >= 2, buffer[0] == .cr, buffer[1] == .lf { buffer.consume(2) }
            if buffer.readableCount == 1, buffer[0] == .cr { return nil }
        }
        let available = buffer.readableCount
        guard available > 0 else { return nil }
        var terminator: Int?
        // RFC 9112 §2.2: lines end with CRLF. A bare LF is refused as soon as it arrives: a
        // head whose lines all end in LF never shows the CRLF CRLF it waits for, and its
        // client would only get the read timeout's 408.
        var bareLineFeed: Int?
        buffer.storage.withUnsafeBufferPointer { storage in
            let base = buffer.readIndex
            // The first three bytes are no terminator's last: only a bare LF there.
            let firstEnd = min(3, available)
            if scanned < firstEnd {
                for position in scanned..<firstEnd where storage[base + position] == .lf {
                    if position == 0 || storage[base + position - 1] != .cr { bareLineFeed = position; return }
                }
            }
            var index = max(0, scanned - 3)
            while index + 3 < available {
                if storage[base + index + 3] != .lf { index += 1; continue }
                if storage[base + index + 2] != .cr { bareLineFeed = index + 3; return }
                if storage[base + index] == .cr, storage[base + index + 1] == .lf {
                    terminator = index
                    return
                }
                index += 1
            }
        }
        if let position = bareLineFeed {
            // Past the bytes a head may have, it is too large first, however its bytes arrive.
            if position > limits.maxHeaderBytes + 1 { throw .headerFieldsTooLarge }
            throw .badRequest("a line of the request head ends in a bare LF, not CRLF")
        }
        guard let end = terminator else {
            // A head of maxHeaderBytes (counted up to its last field's CRLF) may be
            // followed by CR LF CR of the blank line before its last LF arrives: only past
            // that can no terminator make it fit, whatever the next bytes are.
            if available > limits.maxHeaderBytes + 1 { throw .headerFieldsTooLarge }
            state = .head(scanned: available)
            return nil
        }
        // end + 4 bytes of head, including the blank line.
        if end + 2 > limits.maxHeaderBytes { throw .headerFieldsTooLarge }
        let head = try buffer.storage.withUnsafeBufferPointer { (storage) throws(HTTPParseError) -> HTTPRequestHead in
            let bytes = UnsafeBufferPointer(rebasing: storage[buffer.readIndex..<(buffer.readIndex + end + 2)])
            return try HTTPHeadParser(limits: limits).parse(bytes)
        }
        buffer.consume(end + 4)
        currentHead = head
        bodyLimit = limits.maxBodyBytes
        bodyReceived = 0
        state = .headDelivered
        return .head(head)
    }

    private mutating func startBody() throws(HTTPParseError) {
        guard let head = currentHead else { throw .badRequest("no request head") }
        if head.isChunked {
            state = .chunkSize
            return
        }
        let length = head.contentLength ?? 0
        if length > bodyLimit { throw .payloadTooLarge }
        state = .body(remaining: length)
    }

    // MARK: - Chunked body (RFC 9112 §7.1)

    private mutating func parseChunkSize(_ buffer: inout InputBuffer) throws(HTTPParseError) -> Event? {
        guard let lineEnd = try findCRLF(in: buffer, from: 0, limit: limits.maxChunkLineBytes) else {
            // A line of maxChunkLineBytes may be followed by its CR before its LF arrives.
            if buffer.readableCount > limits.maxChunkLineBytes + 1 { throw .badRequest("chunk-size line too long") }
            return nil
        }
        var size = 0
        var digits = 0
        var index = 0
        while index < lineEnd {
            let byte = buffer[index]
            guard let value = byte.hexValue else { break }
            digits += 1
            if digits > 15 { throw .badRequest("chunk size too large") }
            size = size * 16 + Int(value)
            index += 1
        }
        if digits == 0 { throw .badRequest("chunk size is not hexadecimal") }
        // Anything after the size must be whitespace and chunk extensions (";name=value"), ignored.
        while index < lineEnd, buffer[index] == .space || buffer[index] == .tab { index += 1 }
        if index < lineEnd {
            guard buffer[index] == .semicolon else { throw .badRequest("invalid character after chunk size") }
            for offset in index..<lineEnd where buffer[offset] < 0x20 && buffer[offset] != .tab {
                throw .badRequest("control character in chunk extension")
            }
        }
        buffer.consume(lineEnd + 2)
        if size == 0 {
            state = .trailers(bytes: 0)
            return try parseTrailers(&buffer, bytes: 0)
        }
        bodyReceived += size
        if bodyReceived > bodyLimit { throw .payloadTooLarge }
        state = .chunkData(remaining: size)
        return try step(&buffer)
    }

    private mutating func parseTrailers(_ buffer: inout InputBuffer, bytes: Int) throws(HTTPParseError) -> Event? {
        var total = bytes
        while true {
            // Limited to what is left of the trailers' bytes, as the check below counts them.
            guard let lineEnd = try findCRLF(in: buffer, from: 0, limit: limits.maxHeaderBytes - total) else {
                // Trailers of maxHeaderBytes may be followed by the blank line's CR before its LF.
                if total + buffer.readableCount > limits.maxHeaderBytes + 1 { throw .headerFieldsTooLarge }
                state = .trailers(bytes: total)
                return nil
            }
            buffer.consume(lineEnd + 2)
            if lineEnd == 0 { return finish() }
            // Trailer fields are read and discarded (RFC 9112 §7.1.2 allows it).
            total += lineEnd + 2
            if total > limits.maxHeaderBytes { throw .headerFieldsTooLarge }
        }
    }

    /// The index of the CR of the first CRLF at or after `start` (a line's first byte),
    /// within `limit` bytes; `nil` until it arrives. A bare LF throws at once, as in the head.
    private func findCRLF(in buffer: InputBuffer, from start: Int, limit: Int) throws(HTTPParseError) -> Int? {
        let count = min(buffer.readableCount, limit + 2)
        if start < count, buffer[start] == .lf { throw .badRequest("a line ends in a bare LF, not CRLF") }
        var index = start
        while index + 1 < count {
            if buffer[index + 1] == .lf {
                guard buffer[index] == .cr else { throw .badRequest("a line ends in a bare LF, not CRLF") }
                return index
            }
            index += 1
        }
        return nil
    }
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B

    var hexValue: UInt8? {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        case 0x61...0x66: self - 0x61 + 10
        default: nil
        }
    }
}
