import Foundation

/// One member's own choices about one program, which the ``Member`` value does not
/// hold: whether it left the program, until when it is snoozed in it, and whom it asked
/// never to be grouped with. A member with no record has none of these.
public struct ProgramPreference: Hashable, Sendable, Codable {
    /// The member.
    public var memberID: MemberID
    /// The program.
    public var programID: ProgramID
    /// Whether the member left the program (opted out of it for good, until it rejoins).
    public var hasLeft: Bool
    /// Until when (exclusive) the member asked not to be matched in this program.
    public var snoozedUntil: Date?
    /// Members this one must not be grouped with in this program (a hard constraint of
    /// the engine, checked in both directions).
    public var avoid: Set<MemberID>

    /// Creates a preference record.
    public init(memberID: MemberID, programID: ProgramID, hasLeft: Bool = false, snoozedUntil: Date? = nil,
                avoid: Set<MemberID> = []) {
        self.memberID = memberID
        self.programID = programID
        self.hasLeft = hasLeft
        self.snoozedUntil = snoozedUntil
        self.avoid = avoid
    }

    private enum CodingKeys: String, CodingKey {
        case memberID, programID, hasLeft, snoozedUntil, avoid
    }

    /// Decodes a record; one stored before avoid lists existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        memberID = try container.decode(MemberID.self, forKey: .memberID)
        programID = try container.decode(ProgramID.self, forKey: .programID)
        hasLeft = try container.decode(Bool.self, forKey: .hasLeft)
        snoozedUntil = try container.decodeIfPresent(Date.self, forKey: .snoozedUntil)
        avoid = try container.decodeIfPresent(Set<MemberID>.self, forKey: .avoid) ?? []
    }
}
