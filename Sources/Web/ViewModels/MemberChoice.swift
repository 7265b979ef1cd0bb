/// Another member of the tenant, as the avoid list shows them: id (posted back), name
/// and, to tell namesakes apart, their email. All untrusted.
public struct MemberChoice: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String?

    /// Creates a choice.
    public init(id: String, name: String, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }
}
