/// A change asked of a program, named in ``ProgramError/illegalTransition(from:action:)``.
public enum ProgramAction: String, Hashable, Sendable, Codable, CaseIterable {
    /// Editing name, audience, mode, matching settings or schedule.
    case update
    /// `draft → active`.
    case activate
    /// `active → paused`.
    case pause
    /// `paused → active`.
    case resume
    /// Any status but `archived` → `archived`.
    case archive
}
