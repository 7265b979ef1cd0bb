/// One connection (issue 14): its kind, credential hint and schedule; "Test" (can we
/// reach it and read one page?), "Run now" and "Delete"; and its latest runs with their
/// counts (created, updated, deactivated, skipped) or why they failed.
public struct ConsoleConnectionPage: Sendable, Hashable {
    /// One run as shown.
    public struct Run: Sendable, Hashable {
        /// One count of a run: `created 3`.
        public struct Count: Sendable, Hashable {
            /// What was counted (`created`, `updated`, `deactivated`, `skipped`…) and how many.
            public var name: String, count: Int

            /// Creates a count.
            public init(name: String, count: Int) {
                self.name = name
                self.count = count
            }
        }

        /// When it started, formatted.
        public var started: String
        /// Whether the listing was complete and applied.
        public var succeeded: Bool
        /// Its counts by name (`created`, `updated`, `deactivated`, `skipped`…), in order.
        public var counts: [Count]
        /// Why it failed, in the connector's words (untrusted).
        public var error: String?

        /// Creates a run.
        public init(started: String, succeeded: Bool, counts: [Count], error: String?) {
            self.started = started
            self.succeeded = succeeded
            self.counts = counts
            self.error = error
        }
    }

    /// The connection as listed.
    public var connection: ConsoleConnectionsPage.Row
    /// Its latest runs, newest first.
    public var runs: [Run]
    /// The answer of "Test", when it was just asked: the people on the first page, or
    /// the failure in words.
    public var testResult: Result<Int, TestFailure>?

    /// Why a test failed, in the connector's words.
    public struct TestFailure: Error, Sendable, Hashable {
        /// The words.
        public var reason: String
        /// Creates a failure.
        public init(reason: String) { self.reason = reason }
    }

    /// Why the last schedule change was refused (the service's sentence, untrusted).
    public var scheduleProblem: String?
    /// The hours as sent with a refused schedule change.
    public var scheduleHours: String?

    /// Creates the page.
    public init(connection: ConsoleConnectionsPage.Row, runs: [Run], testResult: Result<Int, TestFailure>? = nil) {
        self.connection = connection
        self.runs = runs
        self.testResult = testResult
    }

    /// "Succeeded · created 3, updated 0…" or "Failed: reason".
    static func runSummary(_ run: Run, _ t: ConsoleLocalizer) -> HTMLNode {
        guard run.succeeded else {
            return .el(.span, [], [.text(t(.runFailed)), .text(" · " + run.started + " · "), .isolated(run.error ?? "")])
        }
        let counts = run.counts.filter { $0.count > 0 || ["created", "updated", "deactivated"].contains($0.name) }
            .map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        return .el(.span, [], [.text(t(.runSucceeded)), .text(" · " + run.started + (counts.isEmpty ? "" : " · " + counts))])
    }
}

extension ConsoleConnectionPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { connection.name }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [
            .el(.p, [], [.el(.a, [.href(ConsolePaths.connections)], text: "← " + t(.sourcesTitle))]),
            .el(.dl, [.class("facts")], [
                .el(.dt, text: t(.connectionKindLabel)), .el(.dd, text: ConsoleConnectionsPage.kindLabel(connection.kind, t)),
                .el(.dt, text: t(.credentialColumn)), .el(.dd, [], [.el(.code, text: "…" + connection.credentialHint)]),
                .el(.dt, text: t(.scheduleColumn)), .el(.dd, text: ConsoleConnectionsPage.scheduleLabel(connection.intervalHours, t)),
                .el(.dt, text: t(.nextRunColumn)), .el(.dd, text: connection.nextRun ?? "—"),
            ]),
        ]
        switch testResult {
        case .success(let count):
            children.append(.el(.div, [.class("notice notice-success"), .role("status")], text: t(.testSucceeded, ["count": String(count)])))
        case .failure(let failure):
            children.append(.el(.div, [.class("error-summary"), .role("alert")], [
                .el(.p, [], [.text(t(.testFailed) + " "), .isolated(failure.reason)]),
            ]))
        case nil:
            break
        }
        children.append(.el(.div, [.class("toolbar")], [
            kit.postForm(ConsolePaths.connectionTest(connection.id), attributes: [.class("inline-form")], [
                forms.button(t(.testConnection), style: "button button-secondary"),
            ]),
            kit.postForm(ConsolePaths.connectionRun(connection.id), attributes: [.class("inline-form")], [
                forms.button(t(.runNow)),
            ]),
            .el(.a, [.class("button button-secondary"), .href(ConsolePaths.connectionFields(connection.id))], text: t(.chooseFields)),
        ]))
        children.append(kit.section(t(.connectionScheduleHeading), [
            scheduleProblem.map { .el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated($0)])]) } ?? .empty,
            kit.postForm(ConsolePaths.connectionSchedule(connection.id), [
                forms.textField(id: "connection-interval", name: ConsoleField.intervalHours, label: t(.intervalHoursLabel),
                                value: scheduleHours ?? connection.intervalHours.map(String.init) ?? "", autocomplete: "off",
                                hint: t(.intervalHoursHint), extra: [.inputmode("numeric"), .maxlength(4)]),
                forms.button(t(.saveSchedule)),
            ]),
        ]))
        children.append(kit.section(t(.runsHeading), [
            runs.isEmpty ? .el(.p, [.class("muted")], text: t(.noRuns)) : kit.table(
                headers: [t(.whenColumn), t(.outcomeColumn), t(.countsColumn)],
                rows: runs.map { run in
                    [.text(run.started), .text(run.succeeded ? t(.runSucceeded) : t(.runFailed)),
                     run.succeeded ? .text(run.counts.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
                                   : .isolated(run.error ?? "")]
                }),
        ]))
        children.append(kit.section(t(.deleteConnectionHeading), [
            .el(.p, [.class("hint")], text: t(.deleteConnectionHint)),
            kit.postForm(ConsolePaths.connectionDelete(connection.id), [
                forms.button(t(.deleteConnection), style: "button button-danger"),
            ]),
        ]))
        return children
    }
}
