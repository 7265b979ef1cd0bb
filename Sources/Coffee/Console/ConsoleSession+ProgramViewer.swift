extension ConsoleSession {
    /// Which programs this session reaches: every one for an administrator; for a
    /// program manager, those that its address owns (a program manager's session always
    /// has the address it signed in with; without one it reaches none).
    public var programViewer: ProgramViewer {
        switch role {
        case .administrator: .administrator
        case .programManager: .programManager(EmailAddress(stored: email ?? ""))
        }
    }
}
