/// A listed person recognised as unchanged by their link's ``SyncFingerprint``: linked,
/// kept active, the member as the last run left it. The planner counts them as listed
/// and kept without comparing anything: planning them in full would change nothing.
public struct UnchangedPerson: Sendable, Equatable {
    /// The person's id in the source, trimmed.
    public var sourceID: String
    /// The person's email as the source gives it, if any (so a later person with the
    /// same address is still a duplicate).
    public var primaryEmail: String?

    /// Creates an unchanged person.
    public init(sourceID: String, primaryEmail: String?) {
        self.sourceID = sourceID
        self.primaryEmail = primaryEmail
    }
}
