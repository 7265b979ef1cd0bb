import Foundation

/// A member's category values, by key. Values are trimmed, empty ones dropped, and
/// duplicates (case-insensitively) removed keeping the first spelling; a key with no
/// value left is absent.
public struct CategoryValues: Sendable, Equatable, Hashable {
    /// The values by key.
    public private(set) var storage: [CategoryKey: [String]]

    /// Creates the values, cleaning each list.
    public init(_ values: [CategoryKey: [String]] = [:]) {
        storage = [:]
        for (key, list) in values { self[key] = list }
    }

    /// Creates the values from lists by raw key (a stored row's), cleaning each list: the
    /// same values as ``init(_:)`` with the keys wrapped, without the intermediate
    /// dictionary (issue 16: 100,000 members decoded per whole-session match).
    public init(lists: [String: [String]]) {
        storage = [:]
        storage.reserveCapacity(lists.count)
        for (key, list) in lists { self[CategoryKey(key)] = list }
    }

    /// The values of `key`; empty when none. Setting cleans the list, and an empty list
    /// removes the key.
    public subscript(key: CategoryKey) -> [String] {
        get { storage[key] ?? [] }
        set {
            let cleaned = Self.clean(newValue)
            storage[key] = cleaned.isEmpty ? nil : cleaned
        }
    }

    /// The keys that have values, sorted.
    public var keys: [CategoryKey] { storage.keys.sorted() }

    /// Whether no key has a value.
    public var isEmpty: Bool { storage.isEmpty }

    /// The keys whose values differ between `self` and `other`, sorted.
    public func changedKeys(comparedTo other: CategoryValues) -> [CategoryKey] {
        Set(storage.keys).union(other.storage.keys).filter { self[$0] != other[$0] }.sorted()
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
