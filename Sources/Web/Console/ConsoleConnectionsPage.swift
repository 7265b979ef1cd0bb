/// "Member sources" (issue 14): the tenant's connections to a Slack workspace, a
/// Microsoft Teams team or an HR system — kind, credential (its last four characters
/// only), schedule, next run and last run — and the form that creates one. The
/// credential is write-only: it goes in through a password field and never comes back.
public struct ConsoleConnectionsPage: Sendable, Hashable {
    /// One connection as listed.
    public struct Row: Sendable, Hashable {
        /// Its id, the admin's name for it (untrusted), its kind (`slack`, `teams`, `hris`),
        /// and the credential's last four characters.
        public var id, name, kind, credentialHint: String
        /// Hours between scheduled runs; nil: only when run by hand.
        public var intervalHours: Int?
        /// The next scheduled run, formatted; nil when none.
        public var nextRun: String?
        /// The latest run, when there was one.
        public var lastRun: ConsoleConnectionPage.Run?

        /// Creates a row.
        public init(id: String, name: String, kind: String, credentialHint: String, intervalHours: Int?,
                    nextRun: String?, lastRun: ConsoleConnectionPage.Run?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.credentialHint = credentialHint
            self.intervalHours = intervalHours
            self.nextRun = nextRun
            self.lastRun = lastRun
        }
    }

    /// What the create form shows (as sent back after a refusal; never the credential).
    public struct Form: Sendable, Hashable {
        public var kind = "slack", name = "", baseURL = "", teamID = "", directoryID = "", clientID = ""
        public var companyDomain = "", hrisSystem = "bamboohr", intervalHours = "24"

        /// An empty form.
        public init() {}
    }

    /// The tenant's connections.
    public var rows: [Row]
    /// The create form.
    public var form: Form
    /// Why the last create was refused, in the service's words.
    public var problem: String?

    /// Creates the page.
    public init(rows: [Row], form: Form = Form(), problem: String? = nil) {
        self.rows = rows
        self.form = form
        self.problem = problem
    }

    /// The kinds, with their labels.
    static let kinds: [(String, ConsoleMessageKey)] = [("slack", .kindSlack), ("teams", .kindTeams), ("hris", .kindHRIS)]

    /// The kind's label.
    static func kindLabel(_ kind: String, _ t: ConsoleLocalizer) -> String {
        kinds.first { $0.0 == kind }.map { t($0.1) } ?? kind
    }

    /// "Every N h" or "only when run by hand".
    static func scheduleLabel(_ hours: Int?, _ t: ConsoleLocalizer) -> String {
        hours.map { t(.everyHours, ["hours": String($0)]) } ?? t(.onDemand)
    }
}

extension ConsoleConnectionsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.sourcesTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [.el(.p, [.class("lede")], text: t(.sourcesIntro))]
        if let problem { children.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(problem)])])) }
        children.append(kit.section(t(.connectedSourcesHeading), [
            rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noSources)) : kit.table(
                headers: [t(.nameColumn), t(.connectionKindLabel), t(.credentialColumn), t(.scheduleColumn), t(.nextRunColumn),
                          t(.lastRunColumn)],
                rows: rows.map { row in
                    [.el(.a, [.href(ConsolePaths.connection(row.id))], [.isolated(row.name)]),
                     .text(Self.kindLabel(row.kind, t)), .el(.code, text: "…" + row.credentialHint),
                     .text(Self.scheduleLabel(row.intervalHours, t)), .text(row.nextRun ?? "—"),
                     row.lastRun.map { ConsoleConnectionPage.runSummary($0, t) } ?? .el(.span, [.class("muted")], text: t(.noRuns))]
                }),
        ]))
        children.append(kit.section(t(.newConnectionHeading), [
            .el(.p, [.class("hint")], text: t(.newConnectionHint)),
            kit.postForm(ConsolePaths.connections, [
                forms.select(id: "connection-kind", name: ConsoleField.kind, label: t(.connectionKindLabel),
                             options: Self.kinds.map { (value: $0.0, label: t($0.1)) }, selected: form.kind),
                forms.textField(id: "connection-name", name: ConsoleField.name, label: t(.connectionNameLabel), value: form.name,
                                isRequired: true, extra: [.maxlength(100)]),
                forms.textField(id: "connection-secret", name: ConsoleField.secret, label: t(.credentialLabel), value: "",
                                type: "password", autocomplete: "off", hint: t(.credentialHint), isRequired: true,
                                extra: [.maxlength(4_096)]),
                forms.textField(id: "connection-team", name: ConsoleField.teamID, label: t(.teamIDLabel), value: form.teamID,
                                autocomplete: "off", hint: t(.teamIDHint), extra: [.maxlength(200)]),
                forms.textField(id: "connection-directory", name: ConsoleField.directoryID, label: t(.directoryIDLabel),
                                value: form.directoryID, autocomplete: "off", extra: [.maxlength(200)]),
                forms.textField(id: "connection-client", name: ConsoleField.clientID, label: t(.clientIDLabel), value: form.clientID,
                                autocomplete: "off", hint: t(.clientIDHint), extra: [.maxlength(200)]),
                forms.select(id: "connection-hris", name: ConsoleField.hrisSystem, label: t(.hrisSystemLabel),
                             options: [(value: "bamboohr", label: "BambooHR"), (value: "personio", label: "Personio")],
                             selected: form.hrisSystem),
                forms.textField(id: "connection-company", name: ConsoleField.companyDomain, label: t(.companyDomainLabel),
                                value: form.companyDomain, autocomplete: "off", extra: [.maxlength(200)]),
                forms.textField(id: "connection-base-url", name: ConsoleField.baseURL, label: t(.baseURLField), value: form.baseURL,
                                type: "url", autocomplete: "off", hint: t(.baseURLHint), extra: [.maxlength(500)]),
                forms.textField(id: "connection-interval", name: ConsoleField.intervalHours, label: t(.intervalHoursLabel),
                                value: form.intervalHours, autocomplete: "off", hint: t(.intervalHoursHint),
                                extra: [.inputmode("numeric"), .maxlength(4)]),
                forms.button(t(.createConnection)),
            ]),
        ]))
        return children
    }
}
