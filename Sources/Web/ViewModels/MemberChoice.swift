/// Another member of the tenant, as the avoid list shows them: id (posted back), name
/// and, to tell namesakes apart, their email. All untrusted.
public struct MemberChoice: Sendable, Hashable {
    /// The member id, posted back.
    public var id: String
    /// The display name.
    public var name: String
    /// The work email, to tell namesakes apart.
    public var email: String?

    /// Creates a choice.
    public init(id: String, name: String, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }
}
