/// A matching result in the form its store keeps it, encoded by ``Persistence/encode(_:)``
/// before a write transaction opens, so that a session of 100,000 members does not hold
/// the writer while its result is serialised.
public struct EncodedMatchingResult: Sendable {
    /// The result.
    public let result: MatchingResult
    /// Its stored form, opaque outside the store that made it.
    public let storedText: String

    /// Made by a store's ``Persistence/encode(_:)``.
    public init(result: MatchingResult, storedText: String) {
        self.result = result
        self.storedText = storedText
    }
}
