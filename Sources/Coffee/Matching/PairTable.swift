/// An open-addressing hash table from a pair of participant indices to a small
/// integer. Keys pack the two indices into a `UInt64`, smaller first; linear probing
/// over a power-of-two capacity with a multiplicative hash. It holds the avoid-list
/// pairs, checked for every candidate pair; past meetings use ``ContactIndex``, whose
/// look-ups stay in cache at 100,000 participants where a table like this one misses.
struct PairTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// A table sized for about `expectedCount` pairs.
    init(expectedCount: Int) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The key of the unordered pair `a`, `b` (never 0 since `a != b`).
    @inline(__always)
    static func key(_ a: Int, _ b: Int) -> UInt64 {
        a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// The value stored for the pair, or `nil`.
    @inline(__always)
    func value(_ a: Int, _ b: Int) -> Int32? {
        guard count > 0 else { return nil }
        let key = Self.key(a, b)
        var i = slot(for: key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Whether the pair is present.
    @inline(__always)
    func contains(_ a: Int, _ b: Int) -> Bool { value(a, b) != nil }

    /// Stores `value` for the pair, keeping the smaller value when the pair is already
    /// present (the most recent meeting wins).
    mutating func insertMin(_ a: Int, _ b: Int, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.key(a, b)
        var i = slot(for: key)
        while true {
            let k = keys[i]
            if k == key {
                values[i] = min(values[i], value)
                return
            }
            if k == 0 {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 {
            let key = oldKeys[i]
            insertMin(Int(key >> 32), Int(key & 0xFFFF_FFFF), oldValues[i])
        }
    }
}
