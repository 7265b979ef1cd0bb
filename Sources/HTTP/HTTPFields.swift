/// The header fields of a request or response, in the order they were written
/// (RFC 9110 §5). Names compare case-insensitively; duplicates are kept.
///
/// An ordered array rather than a dictionary: order matters for combining field lines
/// (RFC 9110 §5.3), and a request has few fields, so a linear scan is the fastest lookup.
public struct HTTPFields: Sendable, Equatable, Sequence {
    /// One field line.
    public struct Field: Sendable, Equatable {
        /// The name as written.
        public var name: String
        /// The name in lower case, for comparisons.
        public var canonicalName: String
        /// The value with surrounding whitespace removed.
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.canonicalName = name.lowercased()
            self.value = value
        }

        init(name: String, canonicalName: String, value: String) {
            self.name = name
            self.canonicalName = canonicalName
            self.value = value
        }
    }

    /// The fields in written order.
    public private(set) var fields: [Field]

    /// No fields.
    public init() { fields = [] }

    /// These `(name, value)` pairs, in order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Number of field lines.
    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of the field `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        let canonical = name.lowercased()
        return fields.first(where: { $0.canonicalName == canonical })?.value
    }

    /// Every value of the field `name`, in order.
    public func values(for name: String) -> [String] {
        let canonical = name.lowercased()
        return fields.filter { $0.canonicalName == canonical }.map(\.value)
    }

    /// Number of lines of the field whose lower-case name is `canonicalName`: no
    /// lower-casing, no array (the head parser's checks, on every request).
    func count(canonicalName: String) -> Int {
        var count = 0
        for field in fields where field.canonicalName == canonicalName { count += 1 }
        return count
    }

    /// True when the field `name` is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field line, keeping any existing lines with the same name.
    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    mutating func append(_ field: Field) { fields.append(field) }

    /// Replaces every line of `name` with one line holding `value`.
    public mutating func set(name: String, value: String) {
        remove(name)
        append(name: name, value: value)
    }

    /// Removes every line of `name`.
    public mutating func remove(_ name: String) {
        let canonical = name.lowercased()
        fields.removeAll { $0.canonicalName == canonical }
    }

    /// True when a comma-separated field such as `Connection` lists `token`
    /// (case-insensitive), across all of its lines (RFC 9110 §5.3).
    public func containsToken(_ token: String, in name: String) -> Bool {
        let canonical = name.lowercased()
        guard fields.contains(where: { $0.canonicalName == canonical }) else { return false }
        let wanted = token.lowercased()
        for value in values(for: name) {
            for item in value.split(separator: ",") {
                if item.trimmingASCIISpaces().lowercased() == wanted { return true }
            }
        }
        return false
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
