/// The matching engine: a hybrid of exact maximum-weight matching and a randomized
/// greedy with local-search repair ("the field's experience", domain.md).
///
/// 1. Participants are split by `sameValue` rules (``SameValuePartition``).
/// 2. In each partition, pairs (g = 2) of up to
///    ``MatchingConfiguration/exactPairLimit`` members are matched exactly with the
///    blossom algorithm; larger partitions and larger groups use the greedy matcher.
///    The repeat window is hard in both.
/// 3. Members left over join groups (g + 1) or, only when no other way exists, are
///    grouped with the window relaxed; the rest are unmatched with a reason.
/// 4. A bounded local search swaps members between groups to remove repeats and
///    raise rule satisfaction.
///
/// The run is a pure function of the input (and the engine version): the same seed
/// gives the same groups. Only the optional wall-clock cap on the repair can change
/// the outcome, and only when it is hit.
public enum MatchingEngine {
    /// Runs the engine, timing it with a `ContinuousClock`.
    public static func run(_ input: MatchingInput) -> MatchingResult {
        run(input, clock: ContinuousClock())
    }

    /// Runs the engine, timing it (and capping the repair) with `clock`.
    public static func run<C: Clock>(_ input: MatchingInput, clock: C) -> MatchingResult where C.Duration == Duration {
        let start = clock.now
        let configuration = input.configuration
        var participants = input.participants
        var unmatched: [MatchingResult.Unmatched] = []
        // Participants in strictly ascending id order (a session's selection) hold no
        // duplicate: taken as they are, without hashing every id into a set or copying
        // every participant (issue 16).
        let ascending = participants.indices.dropFirst().allSatisfy { participants[$0 - 1].id < participants[$0].id }
        if !ascending {
            // Sized once (issue 16: 100,000 participants grew the set by rehashing it a dozen times).
            var seen = Set<ParticipantID>(minimumCapacity: input.participants.count)
            participants = []
            participants.reserveCapacity(input.participants.count)
            for participant in input.participants {
                if seen.insert(participant.id).inserted {
                    participants.append(participant)
                } else {
                    unmatched.append(.init(id: participant.id, reason: .duplicateParticipant))
                }
            }
        }
        let problem = MatchingProblem(participants: participants, configuration: configuration,
                                      history: input.history, priority: input.priority, idsAscending: ascending ? true : nil)
        let scorer = PairScorer(problem: problem)
        let groupSize = configuration.groupSize
        var groups: [[Int]] = []
        var algorithms: [MatchingAlgorithm] = []

        let split = SameValuePartition(problem: problem)
        for (member, reason) in split.unmatched {
            unmatched.append(.init(id: problem.ids[member], reason: reason))
        }
        for (index, members) in split.partitions.enumerated() {
            var rng = SeededGenerator(seed: input.seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
            if members.count < 2 {
                for member in members {
                    let reason: UnmatchedReason = problem.count == 1 ? .onlyParticipant : .noCompatiblePartner
                    unmatched.append(.init(id: problem.ids[member], reason: reason))
                }
                continue
            }
            var partitionGroups: [[Int]]
            var leftovers: [Int]
            if groupSize == 2, members.count <= configuration.exactPairLimit {
                (partitionGroups, leftovers) = BlossomMatcher.pairs(members, scorer: scorer, rng: &rng)
                algorithms.append(.exact)
            } else {
                let greedy = GreedyMatcher(scorer: scorer)
                (partitionGroups, leftovers) = greedy.group(members, groupSize: groupSize, rng: &rng)
                algorithms.append(.greedy)
            }
            let placement = LeftoverPlacement(scorer: scorer)
            var left = placement.place(leftovers, into: &partitionGroups, groupSize: groupSize,
                                       partition: members, rng: &rng)
            // Safety net for tiny partitions: search exhaustively when someone is left
            // out or a repeat had to be allowed.
            if members.count <= ExhaustiveGrouper.memberLimit,
               !left.isEmpty || partitionGroups.contains(where: { scorer.hasRecentRepeat($0) }) {
                let exhaustive = ExhaustiveGrouper(scorer: scorer)
                // The search keeps the first of equally ranked groupings: the seed orders it.
                var order = members
                order.shuffle(using: &rng)
                let best = exhaustive.best(order, groupSize: groupSize)
                if exhaustive.rank(of: partitionGroups) < best.rank {
                    partitionGroups = best.groups
                    left = best.leftovers.map { ($0, placement.reason(for: $0, partition: members)) }
                }
            }
            for (member, reason) in left {
                unmatched.append(.init(id: problem.ids[member], reason: reason))
            }
            groups.append(contentsOf: partitionGroups)
        }

        var repairRNG = SeededGenerator(seed: ~input.seed)
        let deadline = configuration.repairTimeLimit.map { start.advanced(by: $0) }
        var stoppedByTimeLimit = false
        LocalSearchRepair(scorer: scorer).repair(&groups, groupSize: groupSize, rng: &repairRNG) {
            guard let deadline, clock.now >= deadline else { return false }
            stoppedByTimeLimit = true
            return true
        }

        let summary = ResultSummary(groups: groups, scorer: scorer)
        unmatched.sort { $0.id < $1.id }
        var byReason: [UnmatchedReason: Int] = [:]
        for entry in unmatched { byReason[entry.reason, default: 0] += 1 }
        let statistics = MatchingStatistics(
            repeatsInsideWindow: summary.repeatsInsideWindow,
            repeatsOutsideWindow: summary.repeatsOutsideWindow,
            ruleSatisfaction: summary.ruleSatisfaction,
            unmatchedByReason: byReason,
            algorithms: algorithms,
            totalScore: summary.totalScore,
            elapsed: start.duration(to: clock.now),
            repairStoppedByTimeLimit: stoppedByTimeLimit)
        return MatchingResult(groups: summary.groups, unmatched: unmatched, statistics: statistics,
                              engineVersion: Coffee.engineVersion, seed: input.seed,
                              configuration: configuration)
    }
}
