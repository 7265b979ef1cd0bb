/// One category value set an introduction names a member by: the category's label in
/// the tenant's catalog and the member's values (untrusted display text).
public struct IntroducedCategory: Hashable, Sendable, Codable {
    /// The category's label ("Department").
    public var label: String
    /// The member's values for it ("Engineering").
    public var values: [String]

    /// Creates an entry.
    public init(label: String, values: [String]) {
        self.label = label
        self.values = values
    }
}
