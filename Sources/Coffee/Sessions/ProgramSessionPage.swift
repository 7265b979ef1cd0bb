/// One page of a program's sessions, by match time (``SessionRepository``'s
/// `sessions(program:tenant:matchingAfter:limit:maxBytes:)`): the sessions, and whether
/// more follow, so that a page cut short by its byte budget still leads on.
public struct ProgramSessionPage: Sendable, Equatable {
    /// The sessions, by match time.
    public var sessions: [Session]
    /// True when sessions after the last one exist (the page is full, or its byte budget
    /// ended it).
    public var hasMore: Bool

    /// A page of `sessions`, followed by more when `hasMore`.
    public init(sessions: [Session], hasMore: Bool) {
        self.sessions = sessions
        self.hasMore = hasMore
    }
}
