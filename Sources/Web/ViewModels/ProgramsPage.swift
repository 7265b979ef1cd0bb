/// "My programs": every program whose audience the member is in.
public struct ProgramsPage: Sendable, Hashable {
    /// The programs, in display order.
    public var programs: [ProgramCard]

    /// Creates the page.
    public init(programs: [ProgramCard]) { self.programs = programs }
}
