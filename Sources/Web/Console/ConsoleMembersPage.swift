/// The members list: search by name or email, filter by status, paged.
public struct ConsoleMembersPage: Sendable, Hashable {
    /// One row of the list.
    public struct Row: Sendable, Hashable {
        /// The member's id, its name, primary email, status and source (all untrusted but
        /// the status and source, which are ours).
        public var id, name, email, status, source: String

        /// Creates a row.
        public init(id: String, name: String, email: String, status: String, source: String) {
            self.id = id
            self.name = name
            self.email = email
            self.status = status
            self.source = source
        }
    }

    /// The search text and the status filter (`active`, `pending`, `inactive`,
    /// `deprovisioned` or empty).
    public var query, status: String
    /// The rows of this page.
    public var rows: [Row]
    /// The next page's cursor, if there is one.
    public var next: String?

    /// Creates the page.
    public init(query: String, status: String, rows: [Row], next: String?) {
        self.query = query
        self.status = status
        self.rows = rows
        self.next = next
    }

    /// The statuses the filter offers.
    public static let statuses = ["active", "pending", "inactive", "deprovisioned"]

    /// The message of a status.
    public static func label(ofStatus status: String) -> ConsoleMessageKey {
        switch status {
        case "pending": .statusPending
        case "inactive": .statusInactive
        case "deprovisioned": .statusDeprovisioned
        default: .statusActive
        }
    }

    /// The words for a member's source key (`scim`, `csv`, `manual`, `invitation`, `slack`,
    /// `teams`, `hris`); `nil` for a key this build does not know, shown as stored.
    public static func label(ofSource source: String) -> ConsoleMessageKey? {
        switch source {
        case "scim": .sourceSCIM
        case "csv": .sourceCSV
        case "manual": .sourceManual
        case "invitation": .sourceInvitation
        case "slack": .sourceSlack
        case "teams": .sourceTeams
        case "hris": .sourceHRIS
        default: nil
        }
    }
}

extension ConsoleMembersPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.membersTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let options = Self.statuses.map { (value: $0, label: t(Self.label(ofStatus: $0))) }
        var nextQuery = "?q=" + PortalPaths.segment(query) + "&status=" + PortalPaths.segment(status)
        if let next { nextQuery += "&after=" + PortalPaths.segment(next) }
        return [
            .el(.p, [.class("lede")], text: t(.membersIntro)),
            .el(.div, [.class("actions")], [
                .el(.a, [.class("button"), .href(ConsolePaths.newMember)], text: t(.addMember)),
                // console-a: the list, with its filters, as CSV
                .el(.a, [.class("button button-secondary"), .href(ConsolePaths.membersExport + "?q=" + PortalPaths.segment(query)
                                                                  + "&status=" + PortalPaths.segment(status))], text: t(.exportCSV)),
            ]),
            .el(.form, [.method("get"), .action(ConsolePaths.members), .class("toolbar"), .role("search")], [
                forms.textField(id: "q", name: ConsoleField.query, label: t(.searchLabel), value: query, type: "search",
                                extra: [.maxlength(200)]),
                forms.select(id: "status", name: ConsoleField.status, label: t(.statusFilter), options: options,
                             selected: status.isEmpty ? nil : status, placeholder: t(.anyStatus)),
                forms.button(t(.searchSubmit), style: "button button-secondary"),
            ]),
            rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noMembers)) : kit.table(
                headers: [t(.nameColumn), t(.emailColumn), t(.statusColumn), t(.sourceColumn)],
                rows: rows.map { row in
                    [.el(.a, [.href(ConsolePaths.member(row.id))], [.isolated(row.name.isEmpty ? row.email : row.name)]),
                     .isolated(row.email), .text(t(Self.label(ofStatus: row.status))), .text(Self.label(ofSource: row.source).map { t($0) } ?? row.source)]
                }),
            next == nil ? .empty : .el(.a, [.class("button button-secondary"), .href(ConsolePaths.members + nextQuery)],
                                       text: t(.nextPage)),
        ]
    }
}
