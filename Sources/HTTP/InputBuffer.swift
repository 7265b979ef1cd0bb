/// Bytes read from a connection and not yet consumed by the parser.
///
/// Consumed bytes are dropped lazily (``compact()``), so a pipelined burst is parsed
/// without moving memory for every request.
public struct InputBuffer: Sendable {
    /// The bytes; only `storage[readIndex...]` are unconsumed.
    public private(set) var storage: [UInt8]
    /// Index of the first unconsumed byte.
    public private(set) var readIndex: Int

    public init(_ bytes: [UInt8] = []) {
        storage = bytes
        readIndex = 0
    }

    /// Number of unconsumed bytes.
    public var readableCount: Int { storage.count - readIndex }

    /// True when every byte was consumed.
    public var isEmpty: Bool { readIndex == storage.count }

    /// Appends bytes at the end.
    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        storage.append(contentsOf: bytes)
    }

    /// Marks `count` bytes as consumed.
    public mutating func consume(_ count: Int) {
        readIndex += count
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 64 * 1024)
            readIndex = 0
        }
    }

    /// Drops consumed bytes so the storage does not grow without bound.
    public mutating func compact() {
        guard readIndex > 0 else { return }
        storage.removeFirst(readIndex)
        readIndex = 0
    }

    /// The unconsumed byte at `offset` from the read index.
    subscript(offset: Int) -> UInt8 { storage[readIndex + offset] }
}
