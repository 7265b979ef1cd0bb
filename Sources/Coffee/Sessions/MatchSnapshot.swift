import Foundation

/// What a matched session records so its run is reproducible and reviewable
/// (domain.md, "Sessions"): the seed, the configuration and engine version used, when,
/// and the counts for statistics. The groups themselves are stored by the
/// application with the ``MatchingResult``.
public struct MatchSnapshot: Hashable, Sendable, Codable {
    /// The seed of the run.
    public var seed: UInt64
    /// The configuration the run used.
    public var configuration: MatchingConfiguration
    /// ``Coffee/engineVersion`` of the engine that ran.
    public var engineVersion: String
    /// When the session was matched.
    public var matchedAt: Date
    /// The run's counts.
    public var summary: SessionSummary

    /// Creates a snapshot.
    public init(seed: UInt64, configuration: MatchingConfiguration, engineVersion: String, matchedAt: Date,
                summary: SessionSummary) {
        self.seed = seed
        self.configuration = configuration
        self.engineVersion = engineVersion
        self.matchedAt = matchedAt
        self.summary = summary
    }
}
