import Coffee

/// An outside system's people, read over HTTPS: what the sync of one connection calls.
///
/// `listing()` returns every page or throws: a failure on any page (network, 5xx after
/// retries, 429 after retries, a malformed page, too many pages) throws a
/// ``ConnectorFailure`` and no partial listing ever escapes, so the sync plan only
/// decides removals from a complete one.
public protocol SourceDirectory: Sendable {
    /// The complete listing.
    func listing() async throws(ConnectorFailure) -> SourceListing
    /// The admin's "test": can we reach the source and read one page? Returns how many
    /// people that page holds.
    func probe() async throws(ConnectorFailure) -> Int
}
