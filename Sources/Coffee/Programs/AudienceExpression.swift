import Foundation

/// A condition on a member's category values, such as
/// `City in (Paris, Lyon) and not Department = HR`, parsed by
/// ``AudienceExpressionParser``.
///
/// Category keys and values compare case-insensitively; keys keep the spelling they
/// were written with. `and` and `or` hold their operands in order; the parser builds
/// one list per chain (`a and b and c` is `.and([a, b, c])`) and keeps parenthesised
/// groups as written (`a and (b and c)` is `.and([a, .and([b, c])])`), so
/// ``description`` parses back to the same value — for every parsed expression, and
/// every built one whose `and`/`or` lists have two operands or more and whose `in`
/// lists are not empty. It is stored as that text.
public indirect enum AudienceExpression: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `key = value`: the member has `value` among its values for `key` (any of them,
    /// for a multi-select category).
    case equals(key: CategoryKey, value: String)
    /// `key in (v1, v2, …)`: the member has one of the values for `key`.
    case oneOf(key: CategoryKey, values: [String])
    /// `not e`.
    case not(AudienceExpression)
    /// `e1 and e2 and …`: every operand holds (true for an empty list).
    case and([AudienceExpression])
    /// `e1 or e2 or …`: some operand holds (false for an empty list).
    case or([AudienceExpression])

    /// Parses `text`; see ``AudienceExpressionParser``.
    public init(parsing text: String) throws(AudienceExpressionError) {
        self = try AudienceExpressionParser.parse(text)
    }

    /// Whether a member with `values` matches.
    public func matches(_ values: CategoryValues) -> Bool {
        switch self {
        case .equals(let key, let value):
            return Self.containsValue(of: key, in: values) { Self.foldedEqual($0, value) }
        case .oneOf(let key, let candidates):
            return Self.containsValue(of: key, in: values) { memberValue in
                candidates.contains { Self.foldedEqual(memberValue, $0) }
            }
        case .not(let operand):
            return !operand.matches(values)
        case .and(let operands):
            return operands.allSatisfy { $0.matches(values) }
        case .or(let operands):
            return operands.contains { $0.matches(values) }
        }
    }

    /// The category keys the expression mentions, as written, sorted.
    public var keys: [CategoryKey] {
        var keys = Set<CategoryKey>()
        collectKeys(into: &keys)
        return keys.sorted()
    }

    /// The expression with every category key replaced by `transform`'s result
    /// (values and structure unchanged).
    public func mappingKeys<E: Error>(_ transform: (CategoryKey) throws(E) -> CategoryKey) throws(E) -> AudienceExpression {
        switch self {
        case .equals(let key, let value): return .equals(key: try transform(key), value: value)
        case .oneOf(let key, let values): return .oneOf(key: try transform(key), values: values)
        case .not(let operand): return .not(try operand.mappingKeys(transform))
        case .and(let operands):
            var mapped: [AudienceExpression] = []
            for operand in operands { mapped.append(try operand.mappingKeys(transform)) }
            return .and(mapped)
        case .or(let operands):
            var mapped: [AudienceExpression] = []
            for operand in operands { mapped.append(try operand.mappingKeys(transform)) }
            return .or(mapped)
        }
    }

    /// The canonical text: single spaces, lowercase keywords, values quoted only when
    /// they must be (`Department = "Human Resources"`), parentheses only where the
    /// structure needs them.
    public var description: String {
        switch self {
        case .equals(let key, let value):
            return "\(AudienceExpressionParser.quotedIfNeeded(key.rawValue)) = \(AudienceExpressionParser.quotedIfNeeded(value))"
        case .oneOf(let key, let values):
            let list = values.map(AudienceExpressionParser.quotedIfNeeded).joined(separator: ", ")
            return "\(AudienceExpressionParser.quotedIfNeeded(key.rawValue)) in (\(list))"
        case .not(let operand):
            return "not " + operand.parenthesised(if: operand.isChain)
        case .and(let operands):
            return operands.map { $0.parenthesised(if: $0.isChain) }.joined(separator: " and ")
        case .or(let operands):
            return operands.map { $0.parenthesised(if: $0.isOr) }.joined(separator: " or ")
        }
    }

    /// Encodes the canonical text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes by parsing the stored text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try AudienceExpressionParser.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    private var isChain: Bool {
        switch self {
        case .and, .or: true
        case .equals, .oneOf, .not: false
        }
    }

    private var isOr: Bool {
        if case .or = self { return true }
        return false
    }

    private func parenthesised(if needed: Bool) -> String {
        needed ? "(\(description))" : description
    }

    private func collectKeys(into keys: inout Set<CategoryKey>) {
        switch self {
        case .equals(let key, _), .oneOf(let key, _): keys.insert(key)
        case .not(let operand): operand.collectKeys(into: &keys)
        case .and(let operands), .or(let operands): for operand in operands { operand.collectKeys(into: &keys) }
        }
    }

    /// Whether one of the member's values for `key` (keys matched as ``folded(_:)``
    /// compares them) satisfies `accepts`. Nothing is allocated for ASCII keys and values:
    /// every SCIM write that changes a member's categories matches it against each
    /// program's audience on the single writer, and building a set of folded values per
    /// comparison, then folding and hashing each of a `key in (…)` list's values, was 1.6%
    /// of the server's CPU under creates with six programs (issue 10).
    private static func containsValue(of key: CategoryKey, in values: CategoryValues,
                                      where accepts: (String) -> Bool) -> Bool {
        for (candidate, list) in values.lists where foldedEqual(candidate, key.rawValue) {
            if list.contains(where: accepts) { return true }
        }
        return false
    }

    /// Whether `folded(a) == folded(b)`, compared byte by byte without building either
    /// when both are ASCII (the usual case), else by folding both.
    static func foldedEqual(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let ascii = a.withUTF8 { left in
            b.withUTF8 { right -> Bool? in
                guard left.allSatisfy({ $0 < 0x80 }), right.allSatisfy({ $0 < 0x80 }) else { return nil }
                let left = trimmedASCII(left), right = trimmedASCII(right)
                guard left.count == right.count else { return false }
                return zip(left, right).allSatisfy { lowercasedASCII($0) == lowercasedASCII($1) }
            }
        }
        if let ascii { return ascii }
        return folded(a) == folded(b)
    }

    /// The ASCII members of `CharacterSet.whitespacesAndNewlines`: tab, line feed,
    /// vertical tab, form feed, carriage return, space.
    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func isASCIIUppercase(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 { isASCIIUppercase(byte) ? byte | 0x20 : byte }

    /// `bytes` without the ASCII white space around them.
    private static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// `text` without the white space and newlines around it, lowercased: as
    /// `trimmingCharacters(in: .whitespacesAndNewlines).lowercased()`, which it still calls
    /// for text beyond ASCII. ASCII text, the usual case, is folded from its bytes (and
    /// returned as it is when nothing changes): every SCIM write that changes a member's
    /// categories matches it against each program's audience, and Foundation's trimming
    /// took 9% of the server's CPU under creates in a tenant with six programs (issue 10).
    static func folded(_ text: String) -> String {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let trimmed = trimmedASCII(bytes)
            if trimmed.count == bytes.count, !bytes.contains(where: isASCIIUppercase) { return text }
            return String(unsafeUninitializedCapacity: trimmed.count) { buffer in
                for (offset, byte) in trimmed.enumerated() { buffer[offset] = lowercasedASCII(byte) }
                return trimmed.count
            }
        }
        if let ascii = ascii ?? nil { return ascii }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
