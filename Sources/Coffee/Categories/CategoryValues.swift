import Foundation

/// A member's category values, by key. Values are trimmed, empty ones dropped, and
/// duplicates (case-insensitively) removed keeping the first spelling; a key with no
/// value left is absent.
public struct CategoryValues: Sendable, Equatable, Hashable {
    /// The values by raw key: what a stored row holds and what the engine reads
    /// (``Participant/categoryValues``), shared with both instead of rebuilt for each
    /// (issue 16: a whole-session match built two dictionaries per member from this one).
    public private(set) var lists: [String: [String]]

    /// The values by key.
    public var storage: [CategoryKey: [String]] {
        Dictionary(uniqueKeysWithValues: lists.map { (CategoryKey($0.key), $0.value) })
    }

    /// Creates the values, cleaning each list.
    public init(_ values: [CategoryKey: [String]] = [:]) {
        lists = [:]
        for (key, list) in values { self[key] = list }
    }

    /// Creates the values from lists by raw key (a stored row's), cleaning each list: the
    /// same values as ``init(_:)`` with the keys wrapped. Lists already clean (a stored
    /// row's always are: they were cleaned before they were saved) are kept as they are,
    /// the dictionary with them (issue 16: 100,000 members decoded per whole-session match).
    public init(lists: [String: [String]]) {
        if lists.values.allSatisfy(Self.isClean) {
            self.lists = lists
            return
        }
        self.lists = [:]
        self.lists.reserveCapacity(lists.count)
        for (key, list) in lists { self[CategoryKey(key)] = list }
    }

    /// The values of `key`; empty when none. Setting cleans the list, and an empty list
    /// removes the key.
    public subscript(key: CategoryKey) -> [String] {
        get { lists[key.rawValue] ?? [] }
        set {
            let cleaned = Self.clean(newValue)
            lists[key.rawValue] = cleaned.isEmpty ? nil : cleaned
        }
    }

    /// The keys that have values, sorted.
    public var keys: [CategoryKey] { lists.keys.map { CategoryKey($0) }.sorted() }

    /// Whether no key has a value.
    public var isEmpty: Bool { lists.isEmpty }

    /// The keys whose values differ between `self` and `other`, sorted.
    public func changedKeys(comparedTo other: CategoryValues) -> [CategoryKey] {
        Set(lists.keys).union(other.lists.keys).map { CategoryKey($0) }.filter { self[$0] != other[$0] }.sorted()
    }

    /// Whether ``clean(_:)`` keeps `values` as they are, and a key may hold them (not empty).
    static func isClean(_ values: [String]) -> Bool {
        if values.count == 1 {
            let trimmed = values[0].trimmingWhitespace()
            return !trimmed.isEmpty && trimmed == values[0]
        }
        return !values.isEmpty && clean(values) == values
    }

    static func clean(_ values: [String]) -> [String] {
        // One value (most lists; every member read builds its lists through here): no
        // duplicate to look for, no lowercased copy, no set.
        if values.count == 1 {
            let trimmed = values[0].trimmingWhitespace()
            return trimmed.isEmpty ? [] : trimmed == values[0] ? values : [trimmed]
        }
        var seen: Set<String> = []
        var result: [String] = []
        for value in values {
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            result.append(trimmed)
        }
        return result
    }
}
