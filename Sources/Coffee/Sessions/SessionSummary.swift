/// The counts of one matched session that ``ProgramStatistics`` aggregates, kept with
/// the session (personal data free: counts only).
public struct SessionSummary: Hashable, Sendable, Codable {
    /// Members of the audience at match time (live members, eligible or not).
    public var audienceSize: Int
    /// Members handed to the engine (duplicates excluded).
    public var participants: Int
    /// Groups formed.
    public var groups: Int
    /// Pairs of members inside groups (a trio counts 3).
    public var pairs: Int
    /// Pairs inside groups that had met before, inside or outside the repeat window.
    public var repeatPairs: Int
    /// Of ``repeatPairs``, those inside the window (only when unavoidable).
    public var repeatsInsideWindow: Int
    /// Per-rule satisfaction, in the order of the snapshotted configuration's rules.
    public var ruleSatisfaction: [RuleSatisfaction]
    /// Participants left without a group.
    public var unmatched: Int

    /// Creates a summary.
    public init(audienceSize: Int, participants: Int, groups: Int, pairs: Int, repeatPairs: Int,
                repeatsInsideWindow: Int, ruleSatisfaction: [RuleSatisfaction], unmatched: Int) {
        self.audienceSize = audienceSize
        self.participants = participants
        self.groups = groups
        self.pairs = pairs
        self.repeatPairs = repeatPairs
        self.repeatsInsideWindow = repeatsInsideWindow
        self.ruleSatisfaction = ruleSatisfaction
        self.unmatched = unmatched
    }

    /// The summary of an engine run over a selection from an audience of
    /// `audienceSize` members. Duplicate participant ids are not counted.
    public init(result: MatchingResult, audienceSize: Int) {
        let unmatched = result.unmatched.filter { $0.reason != .duplicateParticipant }.count
        let grouped = result.groups.reduce(0) { $0 + $1.members.count }
        self.init(audienceSize: audienceSize, participants: grouped + unmatched, groups: result.groups.count,
                  pairs: result.groups.reduce(0) { $0 + $1.members.count * ($1.members.count - 1) / 2 },
                  repeatPairs: result.statistics.repeatsInsideWindow + result.statistics.repeatsOutsideWindow,
                  repeatsInsideWindow: result.statistics.repeatsInsideWindow,
                  ruleSatisfaction: result.statistics.ruleSatisfaction, unmatched: unmatched)
    }
}
