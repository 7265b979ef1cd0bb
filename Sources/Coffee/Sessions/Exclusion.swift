/// One member not taken into a session, with every reason, in a fixed order:
/// eligibility reasons first (as ``Eligibility`` lists them), then the program's
/// snooze, the session opt-out and the missing opt-in.
public struct Exclusion: Hashable, Sendable {
    /// The member.
    public var memberID: MemberID
    /// The reasons; never empty.
    public var reasons: [ExclusionReason]

    /// Creates an entry.
    public init(memberID: MemberID, reasons: [ExclusionReason]) {
        self.memberID = memberID
        self.reasons = reasons
    }
}
