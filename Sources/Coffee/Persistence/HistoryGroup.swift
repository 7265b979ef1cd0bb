/// One group of a matching result as the history keeps it: its number in the session and
/// its members (issue 16: one history row per group, the members in one column, instead
/// of one row per member in three indexes).
public struct HistoryGroup: Hashable, Sendable {
    /// The group's index in ``MatchingResult/groups``.
    public let number: Int
    /// Its members, in the result's order.
    public let members: [ParticipantID]
    /// The members' ids as one stored text, computed with the group (issue 16: off the
    /// writer, where a match stages 50,000 group rows).
    public let storedMembers: String

    /// Group `number` with `members`.
    public init(number: Int, members: [ParticipantID]) {
        self.number = number
        self.members = members
        storedMembers = Self.stored(members)
    }

    /// Groups `groups` of `result`.
    public static func of(_ result: MatchingResult, groups: Range<Int>) -> [HistoryGroup] {
        groups.map { HistoryGroup(number: $0, members: result.groups[$0].members) }
    }

    /// The separator of the members' ids in the stored column (U+001F, the unit
    /// separator: never in an id).
    public static let separator: UInt8 = 0x1F

    /// `members`' ids as one stored text, separated by ``separator``.
    private static func stored(_ members: [ParticipantID]) -> String {
        members.map(\.rawValue).joined(separator: "\u{1F}")
    }

    /// The ids of a stored text (``storedMembers``), split on the separator's byte.
    public static func members(stored text: String) -> [ParticipantID] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.split(separator: separator, omittingEmptySubsequences: true).map {
                ParticipantID(String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self))
            }
        }
    }
}
