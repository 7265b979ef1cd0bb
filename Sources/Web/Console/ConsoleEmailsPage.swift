/// The outbox's emails: when, what, to whom, their state and the last problem.
public struct ConsoleEmailsPage: Sendable, Hashable {
    /// One email: when it was asked for, its kind, recipient (untrusted), state
    /// (`pending`, `delivered`, `failed`) and last error (ours, never a stack trace).
    public struct Row: Sendable, Hashable {
        /// The columns.
        public var when, kind, recipient, state, problem: String

        /// Creates a row.
        public init(when: String, kind: String, recipient: String, state: String, problem: String) {
            self.when = when
            self.kind = kind
            self.recipient = recipient
            self.state = state
            self.problem = problem
        }
    }

    /// The rows of this page, in the outbox's order.
    public var rows: [Row]
    /// The next page's cursor, if there is one.
    public var next: String?

    /// Creates the page.
    public init(rows: [Row], next: String?) {
        self.rows = rows
        self.next = next
    }

    /// The message of a state.
    public static func label(ofState state: String) -> ConsoleMessageKey {
        switch state {
        case "delivered": .emailDelivered
        case "failed": .emailFailed
        case "draft": .stateDraft
        case "active": .stateActive
        case "paused": .statePaused
        case "archived": .stateArchived
        case "scheduled": .stateScheduled
        case "open": .stateOpen
        case "matched": .stateMatched
        case "closed": .stateClosed
        case "cancelled": .stateCancelled
        default: .emailPending
        }
    }
}

extension ConsoleEmailsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.emailsTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        return [
            .el(.p, [.class("lede")], text: t(.emailsIntro)),
            kit.section(t(.emailsTitle), [
                rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noEmails)) : kit.table(
                    headers: [t(.whenColumn), t(.whatColumn), t(.recipientColumn), t(.stateLabel), t(.errorColumn)],
                    rows: rows.map { row in
                        [.text(row.when), .text(row.kind), .isolated(row.recipient), .text(t(Self.label(ofState: row.state))),
                         .text(row.problem)]
                    }),
                next.map { .el(.a, [.class("button button-secondary"), .href(ConsolePaths.emails + "?after=" + PortalPaths.segment($0))],
                               text: t(.nextPage)) } ?? .empty,
            ]),
        ]
    }
}
