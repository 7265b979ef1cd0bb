/// One link of a connection as a run starts from (migration 0023): which member the
/// listed person is, whether the source keeps them, and the person's fingerprint when
/// it still describes the member — `nil` once the member changed through another door
/// (its version moved on), left the live lifecycle, or was never fingerprinted.
public struct SyncedLink: Sendable, Equatable {
    /// The person's id in the source.
    public var sourceID: String
    /// The member the person is.
    public var memberID: MemberID
    /// Whether the source keeps the member (``SourceLink/isActive``).
    public var isActive: Bool
    /// The fingerprint the last run left, while the member is as that run left it.
    public var fingerprint: SyncFingerprint?

    /// Creates a link as read.
    public init(sourceID: String, memberID: MemberID, isActive: Bool, fingerprint: SyncFingerprint?) {
        self.sourceID = sourceID
        self.memberID = memberID
        self.isActive = isActive
        self.fingerprint = fingerprint
    }
}
