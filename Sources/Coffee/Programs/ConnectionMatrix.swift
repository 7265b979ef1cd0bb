/// Which values of one category met which, over some matched groups: for every pair of
/// members inside a group, one connection between the value of each (a member with
/// several values counts once per value; a member with none counts under `nil`). The
/// matrix is symmetric: `count(a, b) == count(b, a)`, and the diagonal counts pairs
/// with the same value ("Sales met Sales").
public struct ConnectionMatrix: Hashable, Sendable {
    /// The values seen, sorted (case-insensitively), then `nil` (no value) if any.
    public private(set) var values: [String?]
    /// Pairs counted (each pair once, whatever its members' values).
    public private(set) var pairs: Int
    /// Connections by unordered pair of values (the smaller first, `nil` last).
    private var counts: [Cell: Int]

    /// One unordered pair of values.
    private struct Cell: Hashable, Sendable {
        var first: String?
        var second: String?

        init(_ a: String?, _ b: String?) {
            if ConnectionMatrix.precedes(b, a) { (first, second) = (b, a) } else { (first, second) = (a, b) }
        }
    }

    /// The matrix of `groups` (each a list of members), where `values(member)` gives a
    /// member's values of the category (empty: no value).
    public init<Member>(groups: [[Member]], values: (Member) -> [String]) {
        var counts: [Cell: Int] = [:]
        var seen = Set<String?>()
        var pairs = 0
        for group in groups {
            let valuesOfGroup = group.map { member -> [String?] in
                let own = Array(Set(values(member)))
                return own.isEmpty ? [nil] : own
            }
            for list in valuesOfGroup { seen.formUnion(list) }
            for i in valuesOfGroup.indices {
                for j in valuesOfGroup.indices where j > i {
                    pairs += 1
                    for a in valuesOfGroup[i] {
                        for b in valuesOfGroup[j] { counts[Cell(a, b), default: 0] += 1 }
                    }
                }
            }
        }
        self.counts = counts
        self.pairs = pairs
        self.values = seen.sorted(by: Self.precedes)
    }

    /// Connections between a member with value `a` and one with `b` (`nil`: no value).
    public func count(_ a: String?, _ b: String?) -> Int { counts[Cell(a, b)] ?? 0 }

    /// The most values a matrix is drawn for: it has a cell for every two values, so a
    /// free-text category of 2,501 values (one per member) answered 6.25 million cells,
    /// 12.5 MB of JSON in 6.4 s, and ten times the values a hundred times that.
    public static let maximumValues = 60

    /// Whether there are more values than ``maximumValues``.
    public var isTooLargeToDraw: Bool { values.count > Self.maximumValues }

    /// The largest cell (0 when empty), to scale a heat map.
    public var largestCount: Int { counts.values.max() ?? 0 }

    /// Connections between two different values over all connections (`nil` when none).
    public var acrossRate: Double? {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return nil }
        let across = counts.filter { $0.key.first != $0.key.second }.values.reduce(0, +)
        return Double(across) / Double(total)
    }

    /// The values' order: case-insensitive, then exact, `nil` last.
    static func precedes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, _): false
        case (_, nil): true
        case let (a?, b?):
            a.lowercased() == b.lowercased() ? a < b : a.lowercased() < b.lowercased()
        }
    }
}
