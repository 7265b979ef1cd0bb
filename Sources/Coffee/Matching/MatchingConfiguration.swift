/// The settings of one matching run, snapshotted with the session so the run can be
/// reproduced. Every limit is a named value with its default stated here.
public struct MatchingConfiguration: Hashable, Sendable, Codable {
    /// The smallest group size a program may ask for.
    public static let minimumGroupSize = 2
    /// The largest group size a program may ask for.
    public static let maximumGroupSize = 6

    /// The target group size g; groups have g or g + 1 members. Clamped to
    /// ``minimumGroupSize``…``maximumGroupSize``. Default 2 (pairs).
    public var groupSize: Int {
        didSet { groupSize = Self.clampedGroupSize(groupSize) }
    }
    /// The program's rules, first = highest priority. A soft rule at position `i` of
    /// `n` has its weight multiplied by `n - i`. Default none.
    public var rules: [MatchingRule]
    /// N: two members who met within the last N sessions of the program are never
    /// grouped again unless no other grouping is possible. Default 6.
    public var repeatWindow: Int
    /// The penalty for grouping two members who met just outside the window; older
    /// meetings cost `olderRepeatPenalty × repeatDecay^(age − N − 1)`. Default 20.
    public var olderRepeatPenalty: Int
    /// The decay factor per session of age for ``olderRepeatPenalty``, in 0…1.
    /// Default 0.5.
    public var repeatDecay: Double
    /// The penalty for a repeat inside the window when it had to be relaxed.
    /// Default 10,000 (far above any rule bonus).
    public var relaxedRepeatPenalty: Int
    /// The extra edge weight given to members of the priority set, so the exact matcher
    /// leaves them out last. Default 1,000.
    public var priorityBonus: Int
    /// K: random candidates the greedy matcher samples for each place in a group.
    /// Default 8: on the benchmark, 16 costs 40 % more time for the same satisfaction
    /// after the repair.
    public var candidateCount: Int
    /// Pairs (g = 2) are matched exactly (blossom, O(n³)) up to this many participants
    /// per partition; above it, and for larger groups, the greedy matcher runs.
    /// Default 1,000.
    public var exactPairLimit: Int
    /// The local-search repair evaluates this many candidate changes per participant
    /// at most. The budget, not the clock, bounds the repair, so results depend on the
    /// seed only. Default 4.
    public var repairMovesPerParticipant: Int
    /// A wall-clock cap on the whole run, checked by the repair. When it is hit the
    /// repair stops early and the result depends on the machine's speed; when it is
    /// not hit (the normal case: 100,000 participants take about half of it) it
    /// changes nothing. `nil` disables it. Default 1 s.
    public var repairTimeLimit: Duration?

    /// Creates a configuration; every argument has the default documented on its
    /// property.
    public init(
        groupSize: Int = 2,
        rules: [MatchingRule] = [],
        repeatWindow: Int = 6,
        olderRepeatPenalty: Int = 20,
        repeatDecay: Double = 0.5,
        relaxedRepeatPenalty: Int = 10_000,
        priorityBonus: Int = 1_000,
        candidateCount: Int = 8,
        exactPairLimit: Int = 1_000,
        repairMovesPerParticipant: Int = 4,
        repairTimeLimit: Duration? = .seconds(1)
    ) {
        self.groupSize = Self.clampedGroupSize(groupSize)
        self.rules = rules
        self.repeatWindow = max(0, repeatWindow)
        self.olderRepeatPenalty = max(0, olderRepeatPenalty)
        self.repeatDecay = min(1, max(0, repeatDecay))
        self.relaxedRepeatPenalty = max(0, relaxedRepeatPenalty)
        self.priorityBonus = max(0, priorityBonus)
        self.candidateCount = max(1, candidateCount)
        self.exactPairLimit = max(0, exactPairLimit)
        self.repairMovesPerParticipant = max(0, repairMovesPerParticipant)
        self.repairTimeLimit = repairTimeLimit
    }

    private static func clampedGroupSize(_ size: Int) -> Int {
        min(maximumGroupSize, max(minimumGroupSize, size))
    }
}
