import Foundation

/// One member's own choices about one program, which the ``Member`` value does not
/// hold: whether it left the program, and until when it is snoozed in it. A member
/// with no record has neither left nor snoozed.
public struct ProgramPreference: Hashable, Sendable, Codable {
    /// The member.
    public var memberID: MemberID
    /// The program.
    public var programID: ProgramID
    /// Whether the member left the program (opted out of it for good, until it rejoins).
    public var hasLeft: Bool
    /// Until when (exclusive) the member asked not to be matched in this program.
    public var snoozedUntil: Date?

    /// Creates a preference record.
    public init(memberID: MemberID, programID: ProgramID, hasLeft: Bool = false, snoozedUntil: Date? = nil) {
        self.memberID = memberID
        self.programID = programID
        self.hasLeft = hasLeft
        self.snoozedUntil = snoozedUntil
    }
}
