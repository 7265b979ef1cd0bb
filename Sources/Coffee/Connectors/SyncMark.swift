/// What a run writes on a link once the person's values are applied: the person's
/// fingerprint and the member's version after the run, so the next run recognises the
/// person as unchanged while neither moves.
public struct SyncMark: Sendable, Equatable {
    /// The person's id in the source.
    public var sourceID: String
    /// The person's fingerprint.
    public var fingerprint: SyncFingerprint
    /// The member's version once applied.
    public var memberVersion: Int

    /// Creates a mark.
    public init(sourceID: String, fingerprint: SyncFingerprint, memberVersion: Int) {
        self.sourceID = sourceID
        self.fingerprint = fingerprint
        self.memberVersion = memberVersion
    }
}
