/// Where a program stands: `draft → active ⇄ paused`, and `archived` (final) from any
/// other status. See ``ProgramTransition``.
public enum ProgramStatus: Hashable, Sendable, Codable {
    /// Being set up; no session is planned.
    case draft
    /// Sessions are planned, opened and matched on schedule.
    case active
    /// No session is created, opened or matched until it is resumed; pending sessions
    /// are kept.
    case paused(PauseReason)
    /// Retired for good; pending sessions are cancelled. No transition leaves it.
    case archived
}

extension ProgramStatus {
    /// Whether the program is paused, for whatever reason.
    public var isPaused: Bool {
        if case .paused = self { return true }
        return false
    }
}
