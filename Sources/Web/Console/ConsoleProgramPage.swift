/// One program: what it is, its sessions, adding a session, activating a draft.
public struct ConsoleProgramPage: Sendable, Hashable {
    /// One session of the program: id, matching time (formatted) and state.
    public struct SessionRow: Sendable, Hashable {
        /// The session's id, matching time and state.
        public var id, matchAt, state: String

        /// Creates a row.
        public init(id: String, matchAt: String, state: String) {
            self.id = id
            self.matchAt = matchAt
            self.state = state
        }
    }

    /// The program's id and name (untrusted).
    public var id, name: String
    /// Status, group size, participation, rules… as label and value.
    public var facts: [ConsoleMemberPage.Fact]
    /// The sessions, by matching time.
    public var sessions: [SessionRow]
    /// The default of the new session's time (`yyyy-mm-ddThh:mm`, UTC).
    public var suggestedMatchAt: String
    /// Whether the program is a draft (an Activate button).
    public var isDraft: Bool
    /// The program's status as the admin API names it (`draft`, `active`, `paused`,
    /// `archived`): which lifecycle buttons the page shows.
    public var status: String

    /// Creates the page.
    public init(id: String, name: String, facts: [ConsoleMemberPage.Fact], sessions: [SessionRow], suggestedMatchAt: String,
                isDraft: Bool, status: String = "") {
        self.id = id
        self.name = name
        self.facts = facts
        self.sessions = sessions
        self.suggestedMatchAt = suggestedMatchAt
        self.isDraft = isDraft
        self.status = isDraft ? "draft" : status
    }

    /// The lifecycle actions a program in `status` offers (path segment and label).
    static func lifecycle(of status: String) -> [(action: String, label: ConsoleMessageKey)] {
        switch status {
        case "active": [("pause", .pause), ("archive", .archive)]
        case "paused": [("resume", .resume), ("archive", .archive)]
        case "draft": [("archive", .archive)]
        default: []
        }
    }
}

extension ConsoleProgramPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { name }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        return [
            kit.section(t(.programColumn), [
                .el(.dl, [.class("facts")], facts.flatMap { [.el(.dt, text: $0.label), .el(.dd, [], [.isolated($0.value)])] }),
                .el(.div, [.class("toolbar")], [
                    isDraft ? kit.postForm(ConsolePaths.programActivation(id), [forms.button(t(.activate), style: "button button-secondary")])
                        : .empty,
                ] + Self.lifecycle(of: status).map { item in
                    kit.postForm(ConsolePaths.programAction(id, item.action), [forms.button(t(item.label), style: "button button-secondary")])
                } + [
                    status == "archived" ? .empty
                        : .el(.a, [.class("button button-secondary"), .href(ConsolePaths.programEdit(id))], text: t(.editProgram)),
                    .el(.a, [.class("button button-secondary"), .href(ConsolePaths.programStatistics(id))], text: t(.viewStatistics)),
                ]),
            ]),
            kit.section(t(.sessionsHeading), [
                sessions.isEmpty ? .el(.p, [.class("muted")], text: t(.noSessions)) : kit.table(
                    headers: [t(.matchAtLabel), t(.stateLabel), ""],
                    rows: sessions.map { session in
                        [.text(session.matchAt), .text(session.state),
                         .el(.a, [.href(ConsolePaths.session(session.id))], text: t(.viewSession))]
                    }),
                kit.postForm(ConsolePaths.programSessions(id), attributes: [.class("toolbar")], [
                    forms.textField(id: "matchAt", name: ConsoleField.matchAt, label: t(.newSessionLabel), value: suggestedMatchAt,
                                    type: "datetime-local", isRequired: true),
                    forms.button(t(.addSession)),
                ]),
            ]),
        ]
    }
}
