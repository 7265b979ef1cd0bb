/// Why a session transition was refused.
public enum SessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The action is not possible from the session's state.
    case illegalTransition(from: SessionState, action: SessionAction)
    /// The session belongs to another program than the one given with it.
    case wrongProgram(session: SessionID, program: ProgramID)

    /// A sentence for an admin.
    public var description: String {
        switch self {
        case .illegalTransition(let state, let action):
            "cannot \(action.rawValue) a session that is \(state.rawValue)"
        case .wrongProgram(let session, let program):
            "session \(session) does not belong to program \(program)"
        }
    }
}
