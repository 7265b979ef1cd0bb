/// A break from matching: whether one is on and until when, and the earliest day a new
/// one may end. Used for one program (``ProgramCard/snooze``) and for all of them at once
/// (``ProgramsPage/snooze``).
public struct Snooze: Sendable, Hashable {
    /// The break's last day, formatted for display; nil when there is no break.
    public var until: String?
    /// The same day as `yyyy-mm-dd`, for the date field; nil when there is no break.
    public var untilISODate: String?
    /// The earliest day a break may end (`yyyy-mm-dd`), usually tomorrow.
    public var earliestISODate: String

    /// Creates a snooze state.
    public init(until: String? = nil, untilISODate: String? = nil, earliestISODate: String) {
        self.until = until
        self.untilISODate = untilISODate
        self.earliestISODate = earliestISODate
    }
}
