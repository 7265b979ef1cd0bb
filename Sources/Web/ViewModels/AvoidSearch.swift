/// A search of the tenant's members by name, for one program's avoid list: what was typed
/// and what was found (the handler leaves out the member and whoever is already avoided).
public struct AvoidSearch: Sendable, Hashable {
    /// The text typed; untrusted.
    public var query: String
    /// The members found.
    public var results: [MemberChoice]

    /// Creates a search.
    public init(query: String, results: [MemberChoice]) {
        self.query = query
        self.results = results
    }
}
