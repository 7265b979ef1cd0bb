/// Who met whom in the program's past sessions, oldest first.
///
/// Ids are interned once, and each pair is stored as one `UInt64` key (two 32-bit
/// indices, smaller first) with the number of the last session in which the two met,
/// so the engine can translate a history of millions of pairs to its own indices with
/// integer work only.
public struct MatchHistory: Sendable {
    /// How many sessions have been recorded.
    public private(set) var sessionCount: Int = 0
    private var ids: [ParticipantID] = []
    private var indexByID: [ParticipantID: Int32] = [:]
    private var lastMet: [UInt64: Int32] = [:]

    /// An empty history.
    public init() {}

    /// A history of `sessions`, oldest first; each session is its list of groups.
    public init(sessions: [[[ParticipantID]]]) {
        for session in sessions {
            record(session: session)
        }
    }

    /// Appends a session (its groups) as the most recent one.
    public mutating func record(session groups: [[ParticipantID]]) {
        let number = Int32(truncatingIfNeeded: sessionCount)
        for group in groups {
            var indices: [Int32] = []
            for id in group { indices.append(intern(id)) }
            for i in indices.indices {
                for j in indices.index(after: i)..<indices.endIndex where indices[i] != indices[j] {
                    lastMet[Self.key(indices[i], indices[j])] = number
                }
            }
        }
        sessionCount += 1
    }

    /// How many sessions ago `a` and `b` last met (1 = the most recent session), or
    /// `nil` if they never met.
    public func sessionsAgo(_ a: ParticipantID, _ b: ParticipantID) -> Int? {
        guard let i = indexByID[a], let j = indexByID[b], i != j,
              let session = lastMet[Self.key(i, j)] else { return nil }
        return sessionCount - Int(session)
    }

    /// The number of distinct pairs that have met.
    public var pairCount: Int { lastMet.count }

    /// Translates the history to the engine's participant indices: calls `body` once per
    /// remembered pair whose members both take part, with their indices and the age in
    /// sessions (1 = the most recent).
    func forEachPair(indexOf: [ParticipantID: Int], _ body: (Int, Int, Int) -> Void) {
        let local = ids.map { indexOf[$0] ?? -1 }
        for (key, session) in lastMet {
            let a = local[Int(key >> 32)]
            let b = local[Int(key & 0xFFFF_FFFF)]
            if a >= 0, b >= 0, a != b {
                body(a, b, sessionCount - Int(session))
            }
        }
    }

    private mutating func intern(_ id: ParticipantID) -> Int32 {
        if let index = indexByID[id] { return index }
        let index = Int32(truncatingIfNeeded: ids.count)
        ids.append(id)
        indexByID[id] = index
        return index
    }

    static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        let (low, high) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
    }
}
