import Coffee
import FoundationEssentials

/// What a request changes in a member's choices about a program; `nil` leaves a field
/// as it is.
struct PreferenceChange: Sendable {
    /// Leave the program (`true`) or rejoin it (`false`).
    var left: Bool?
    /// Snooze the program until a date (`.some(nil)` ends the snooze).
    var snoozedUntil: Date??
    /// The members never to be grouped with (the whole list).
    var avoid: Set<MemberID>?
}
