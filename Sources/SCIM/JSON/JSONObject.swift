/// A JSON object that keeps its members in the order they were written.
///
/// Attribute names are matched case-insensitively (RFC 7643 §2.1: "attribute names are
/// case insensitive") by ``subscript(attribute:)``, while ``members`` keeps each key
/// exactly as the client wrote it. Equality ignores member order but not key case.
public struct JSONObject: Sendable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in written order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// An object with these members, in this order. Later duplicates of a key (compared
    /// exactly) replace earlier ones; use ``JSONParser`` to reject case-duplicates.
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// An object whose keys are already known to be distinct (the parser checked them).
    /// An object with these members, in this order, without looking for duplicate keys:
    /// the caller guarantees every key is distinct (ignoring case).
    public init(uniqueMembers members: [Member]) {
        self.members = members
    }

    /// Appends a member without looking for an existing key; the caller guarantees the
    /// key is new.
    mutating func appendUnique(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// Number of members.
    public var count: Int { members.count }

    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in written order.
    public var keys: [String] { members.map(\.key) }

    /// Exact-key access. Setting `nil` removes the member; setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Case-insensitive attribute access (RFC 7643 §2.1). Setting replaces the value of
    /// the member whose key matches ignoring case, keeping its written key; setting a
    /// new attribute appends it under the given spelling; setting `nil` removes it.
    public subscript(attribute name: String) -> JSONValue? {
        get { index(ofAttribute: name).map { members[$0].value } }
        set {
            if let index = index(ofAttribute: name) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: name, value: newValue))
            }
        }
    }

    /// The key as written for the attribute `name` (matched ignoring case), if present.
    public func writtenKey(forAttribute name: String) -> String? {
        index(ofAttribute: name).map { members[$0].key }
    }

    /// Position of the member whose key equals `name` ignoring case.
    public func index(ofAttribute name: String) -> Int? {
        members.firstIndex(where: { $0.key.equalsIgnoringCase(name) })
    }

    /// Removes the attribute `name` (matched ignoring case) and returns its value.
    @discardableResult
    public mutating func removeAttribute(_ name: String) -> JSONValue? {
        guard let index = index(ofAttribute: name) else { return nil }
        return members.remove(at: index).value
    }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }
}

extension JSONObject: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Order-insensitive, to agree with ==.
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension String {
    /// ASCII-and-Unicode case-insensitive comparison used for SCIM attribute names,
    /// URNs and keywords. Fast path for ASCII, which is what attribute names are.
    public func equalsIgnoringCase(_ other: String) -> Bool {
        // Native strings are contiguous UTF-8: compare their bytes in place (the views'
        // iterators cost several times more on the attribute lookups of every request).
        let ascii = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in Self.asciiEqualsIgnoringCase(lhs, rhs) } ?? nil
        } ?? nil
        if let ascii { return ascii }
        return lowercased() == other.lowercased()
    }

    /// True when both strings start with an ASCII byte and those bytes differ ignoring
    /// case. Lowercasing maps an ASCII scalar to one ASCII scalar, so then the lowercased
    /// strings start differently: neither string, nor any non-empty prefix of it, equals
    /// the other (or a non-empty prefix of it) ignoring case. `false` says nothing.
    func startsDifferentlyIgnoringCase(from other: String) -> Bool {
        let differ = utf8.withContiguousStorageIfAvailable { lhs -> Bool? in
            other.utf8.withContiguousStorageIfAvailable { rhs in Self.firstBytesDifferIgnoringCase(lhs, rhs) }
        }
        return (differ ?? nil) ?? false
    }

    /// ``startsDifferentlyIgnoringCase(from:)`` on the bytes.
    private static func firstBytesDifferIgnoringCase(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let a = lhs.first, let b = rhs.first, a < 0x80, b < 0x80 else { return false }
        // Bytes equal ignoring ASCII case agree once bit 0x20 is set; bytes that still
        // differ then are not a letter and its other case.
        return a | 0x20 != b | 0x20
    }

    /// `true` or `false` when both are ASCII (or differ in ASCII); `nil` when a non-ASCII
    /// byte leaves the answer to Unicode case mapping (which may change lengths).
    private static func asciiEqualsIgnoringCase(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool? {
        // Most comparisons are of two different attribute names: settled by their first
        // bytes, before the lengths (which, when they differ, cost a scan of both).
        if firstBytesDifferIgnoringCase(lhs, rhs) { return false }
        guard lhs.count == rhs.count else {
            // Different lengths can only match through non-ASCII case mappings.
            return lhs.allSatisfy({ $0 < 0x80 }) && rhs.allSatisfy({ $0 < 0x80 }) ? false : nil
        }
        for index in 0..<lhs.count {
            let a = lhs[index], b = rhs[index]
            if a == b { continue }
            if a >= 0x80 || b >= 0x80 { return nil }
            let la = (a >= 0x41 && a <= 0x5A) ? a | 0x20 : a
            let lb = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if la != lb { return false }
        }
        return true
    }
}
