/// A partner in a match: name and email (untrusted).
public struct MatchPartner: Sendable, Hashable {
    public var name: String
    public var email: String

    /// Creates a partner.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}
