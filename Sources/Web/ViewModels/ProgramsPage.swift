/// "My programs": every program whose audience the member is in, then a break from all
/// of them at once.
public struct ProgramsPage: Sendable, Hashable {
    /// The member's break from every program (the member's own `snoozedUntil`).
    public var snooze: Snooze
    /// The programs, in display order.
    public var programs: [ProgramCard]

    /// Creates the page.
    public init(snooze: Snooze, programs: [ProgramCard]) {
        self.snooze = snooze
        self.programs = programs
    }
}
