/// Which algorithm grouped a partition of participants.
public enum MatchingAlgorithm: String, Hashable, Sendable, Codable {
    /// Exact maximum-weight matching (blossom), for pairs up to
    /// ``MatchingConfiguration/exactPairLimit`` participants.
    case exact
    /// Randomized greedy over K sampled candidates with a local-search repair.
    case greedy
}
