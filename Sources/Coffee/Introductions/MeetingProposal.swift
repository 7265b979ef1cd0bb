import Foundation

/// What the search for a meeting time found for one group: the ``slot``, or `nil` when
/// no time in the searched window falls within working hours for every member.
public struct MeetingProposal: Hashable, Sendable, Codable {
    /// The proposed time; `nil` when none exists in the window.
    public var slot: MeetingSlot?
    /// The start of the window that was searched.
    public var windowStart: Date
    /// The end of the window that was searched.
    public var windowEnd: Date

    /// Creates a proposal.
    public init(slot: MeetingSlot?, windowStart: Date, windowEnd: Date) {
        self.slot = slot
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }
}
