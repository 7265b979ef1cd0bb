/// One program on "My programs", with the member's own choices in it.
public struct ProgramCard: Sendable, Hashable {
    /// How the member takes part in the next session.
    public enum NextSession: Sendable, Hashable {
        /// Opt-in program: the member chooses per session.
        case optIn(isOptedIn: Bool)
        /// Automatic program: the member is in unless skipping.
        case automatic(isSkipping: Bool)
    }

    /// The program id (in form URLs).
    public var id: String
    /// The program name; untrusted.
    public var name: String
    /// The schedule in words, in the page's language ("Every other Tuesday at 10:00").
    public var schedule: String
    /// The next session's date, formatted; nil when none is planned.
    public var nextSession: String?
    /// Participation in the next session.
    public var participation: NextSession
    /// Whether the member left the program (then only "rejoin" is offered).
    public var hasLeft: Bool
    /// The member's break from this program.
    public var snooze: Snooze
    /// The avoid list.
    public var avoided: [MemberChoice]
    /// The search typed for this program's avoid list (nil when none), and its results.
    public var search: AvoidSearch?

    /// Creates a card.
    public init(id: String, name: String, schedule: String, nextSession: String?, participation: NextSession,
                hasLeft: Bool = false, snooze: Snooze, avoided: [MemberChoice] = [], search: AvoidSearch? = nil) {
        self.id = id
        self.name = name
        self.schedule = schedule
        self.nextSession = nextSession
        self.participation = participation
        self.hasLeft = hasLeft
        self.snooze = snooze
        self.avoided = avoided
        self.search = search
    }
}
