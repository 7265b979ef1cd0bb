/// One session: its state and time, a "Match now" button while it is not matched, and
/// once matched its groups (people's names) and who was left out and why.
public struct ConsoleSessionPage: Sendable, Hashable {
    /// The session's id, its program's id and name (untrusted), state and time.
    public var id, programID, programName, state, matchAt: String
    /// Whether it can be matched now.
    public var canMatch: Bool
    /// The groups, each a list of names (untrusted).
    public var groups: [[String]]
    /// Those not matched: name and reason.
    public var unmatched: [ConsoleMemberPage.Fact]

    /// Creates the page.
    public init(id: String, programID: String, programName: String, state: String, matchAt: String, canMatch: Bool,
                groups: [[String]], unmatched: [ConsoleMemberPage.Fact]) {
        self.id = id
        self.programID = programID
        self.programName = programName
        self.state = state
        self.matchAt = matchAt
        self.canMatch = canMatch
        self.groups = groups
        self.unmatched = unmatched
    }
}

extension ConsoleSessionPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.sessionTitle) + " · " + programName }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        return [
            kit.section(t(.sessionTitle), [
                .el(.dl, [.class("facts")], [
                    .el(.dt, text: t(.programColumn)),
                    .el(.dd, [], [.el(.a, [.href(ConsolePaths.program(programID))], [.isolated(programName)])]),
                    .el(.dt, text: t(.stateLabel)), .el(.dd, text: state),
                    .el(.dt, text: t(.matchAtLabel)), .el(.dd, text: matchAt),
                ]),
                canMatch ? kit.postForm(ConsolePaths.sessionMatch(id), [kit.forms.button(t(.runMatch))]) : .empty,
            ]),
            kit.section(t(.groupsHeading), groups.isEmpty ? [.el(.p, [.class("muted")], text: t(.noGroups))] : [
                .el(.ol, [.class("groups")], groups.enumerated().map { index, names in
                    .el(.li, [], [
                        .el(.h3, text: t(.groupLabel, ["number": String(index + 1)])),
                        .el(.ul, [], names.map { .el(.li, [], [.isolated($0)]) }),
                    ])
                }),
                // console-a: the groups as CSV
                .el(.p, [], [.el(.a, [.class("button button-secondary"), .href(ConsolePaths.sessionExport(id))], text: t(.exportCSV))]),
            ]),
            unmatched.isEmpty ? .empty : kit.section(t(.unmatchedHeading), [
                kit.table(headers: [t(.nameColumn), t(.stateLabel)], rows: unmatched.map { [.isolated($0.label), .text($0.value)] }),
            ]),
        ]
    }
}
