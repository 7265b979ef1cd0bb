/// Each participant's past partners with the age of their last meeting, in one flat
/// array per field (compressed sparse rows).
///
/// The matchers ask "did candidate c meet group member m?" for many candidates against
/// the same few group members, so the look-up scans m's short contact list, which stays
/// in cache, instead of probing a hash table of every pair ever met at a random place
/// (a cache miss per probe at 100,000 participants).
struct ContactIndex: Sendable {
    /// `start[p]..<start[p + 1]` is participant `p`'s run.
    private let start: [Int32]
    private let partner: [Int32]
    private let age: [Int32]

    /// The number of pairs.
    let pairCount: Int

    /// Builds the index of `count` participants from `history`, translated with
    /// `indexOf`.
    init(count: Int, history: MatchHistory, indexOf: [ParticipantID: Int]) {
        var firsts: [Int32] = [], seconds: [Int32] = [], ages: [Int32] = []
        firsts.reserveCapacity(history.pairCount)
        seconds.reserveCapacity(history.pairCount)
        ages.reserveCapacity(history.pairCount)
        history.forEachPair(indexOf: indexOf) { a, b, age in
            firsts.append(Int32(a))
            seconds.append(Int32(b))
            ages.append(Int32(clamping: age))
        }
        var start = Array(repeating: Int32(0), count: count + 1)
        for i in firsts.indices {
            start[Int(firsts[i]) + 1] += 1
            start[Int(seconds[i]) + 1] += 1
        }
        for p in 0..<count { start[p + 1] += start[p] }
        var fill = start
        var partner = Array(repeating: Int32(0), count: 2 * firsts.count)
        var age = Array(repeating: Int32(0), count: 2 * firsts.count)
        for i in firsts.indices {
            let a = Int(firsts[i]), b = Int(seconds[i])
            partner[Int(fill[a])] = Int32(b)
            age[Int(fill[a])] = ages[i]
            fill[a] += 1
            partner[Int(fill[b])] = Int32(a)
            age[Int(fill[b])] = ages[i]
            fill[b] += 1
        }
        self.start = start
        self.partner = partner
        self.age = age
        pairCount = firsts.count
    }

    /// The age in sessions of the last meeting of `a` and `b` (1 = most recent), or
    /// `nil`. Scans `b`'s contacts: pass the member that many look-ups share second.
    @inline(__always)
    func value(_ a: Int, _ b: Int) -> Int32? {
        guard pairCount > 0 else { return nil }
        let target = Int32(truncatingIfNeeded: a)
        var i = Int(start[b])
        let end = Int(start[b + 1])
        while i < end {
            if partner[i] == target { return age[i] }
            i += 1
        }
        return nil
    }

    /// Whether `a` and `b` have met.
    @inline(__always)
    func contains(_ a: Int, _ b: Int) -> Bool { value(a, b) != nil }
}
