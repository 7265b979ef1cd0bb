/// A change asked of a session, named in ``SessionError/illegalTransition(from:action:)``.
public enum SessionAction: String, Hashable, Sendable, Codable, CaseIterable {
    /// `scheduled → open`.
    case open
    /// `open → matched`.
    case match
    /// `matched → closed`.
    case close
    /// `scheduled` or `open` → `cancelled`.
    case cancel
    /// A member opts in (while `scheduled` or `open`).
    case optIn
    /// A member opts out (while `scheduled` or `open`).
    case optOut
}
