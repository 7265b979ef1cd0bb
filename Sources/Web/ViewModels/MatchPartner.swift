/// A partner in a match: name and email (untrusted).
public struct MatchPartner: Sendable, Hashable {
    /// The partner's display name.
    public var name: String
    /// The partner's work email.
    public var email: String

    /// Creates a partner.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}
