/// The interned values of one category for every participant: value names become
/// small integers and each participant's values a sorted run in one flat array, so
/// rule checks compare integers without allocating.
///
/// A final class, immutable once built, so the scorer's hot loop holds one reference
/// instead of retaining four arrays per look-up.
final class CategoryValueTable: Sendable {
    /// The category key.
    let category: String
    /// Value names by value index.
    let names: [String]
    private let indexByName: [String: Int32]
    /// `start[p]..<start[p + 1]` is participant `p`'s run in `values`.
    private let start: [Int32]
    private let values: [Int32]

    init(category: String, participants: [Participant]) {
        self.category = category
        var names: [String] = []
        var indexByName: [String: Int32] = [:]
        var start: [Int32] = [0]
        var values: [Int32] = []
        func intern(_ name: String) -> Int32 {
            if let index = indexByName[name] { return index }
            let index = Int32(names.count)
            names.append(name)
            indexByName[name] = index
            return index
        }
        start.reserveCapacity(participants.count + 1)
        values.reserveCapacity(participants.count)
        for index in participants.indices {
            guard let list = participants[index].categoryValues[category], !list.isEmpty else {
                start.append(Int32(values.count))
                continue
            }
            // One value (most members): its run as it is, no array to sort (issue 16).
            if list.count == 1 {
                values.append(intern(list[0]))
                start.append(Int32(values.count))
                continue
            }
            var run: [Int32] = []
            for name in list { run.append(intern(name)) }
            run.sort()
            var previous: Int32 = -1
            for value in run where value != previous {
                values.append(value)
                previous = value
            }
            start.append(Int32(values.count))
        }
        self.names = names
        self.indexByName = indexByName
        self.start = start
        self.values = values
    }

    /// The index of a value name, or `nil` if no participant has it.
    func index(of name: String) -> Int32? { indexByName[name] }

    /// Whether participant `p` has no value.
    @inline(__always)
    func isEmpty(_ p: Int) -> Bool { start[p] == start[p + 1] }

    /// Participant `p`'s first (smallest) value index, or -1.
    @inline(__always)
    func first(_ p: Int) -> Int32 { isEmpty(p) ? -1 : values[Int(start[p])] }

    /// Participant `p`'s value indices.
    func values(of p: Int) -> ArraySlice<Int32> { values[Int(start[p])..<Int(start[p + 1])] }

    /// Whether participant `p` has value `value`.
    @inline(__always)
    func has(_ p: Int, _ value: Int32) -> Bool {
        var i = Int(start[p])
        let end = Int(start[p + 1])
        while i < end {
            if values[i] == value { return true }
            i += 1
        }
        return false
    }

    /// Whether `a` and `b` have at least one value in common.
    @inline(__always)
    func intersects(_ a: Int, _ b: Int) -> Bool {
        var i = Int(start[a]), j = Int(start[b])
        let endA = Int(start[a + 1]), endB = Int(start[b + 1])
        while i < endA, j < endB {
            let x = values[i], y = values[j]
            if x == y { return true }
            if x < y { i += 1 } else { j += 1 }
        }
        return false
    }
}
