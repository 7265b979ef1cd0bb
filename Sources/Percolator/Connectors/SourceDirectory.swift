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
    /// The complete listing without the people `sieve` recognises (returns `false`
    /// for), asked as each page arrives, so a client that pages need not hold them all.
    /// Still all or nothing: a failure on any page throws.
    func listing(sieve: (SourcePerson) -> Bool) async throws(ConnectorFailure) -> SourceListing
    /// The admin's "test": can we reach the source and read one page? Returns how many
    /// people that page holds.
    func probe() async throws(ConnectorFailure) -> Int
    /// The fields the admin may select to become categories (issue 14, "the admin lists
    /// the available fields"), by name with the source's label.
    func availableFields() async throws(ConnectorFailure) -> [SourceField]
}

extension SourceDirectory {
    /// By default, the complete listing, then sieved.
    public func listing(sieve: (SourcePerson) -> Bool) async throws(ConnectorFailure) -> SourceListing {
        var listing = try await listing()
        listing.people = listing.people.filter(sieve)
        return listing
    }

    /// By default, the fields of the complete listing.
    public func availableFields() async throws(ConnectorFailure) -> [SourceField] {
        try await listing().availableFields
    }
}
