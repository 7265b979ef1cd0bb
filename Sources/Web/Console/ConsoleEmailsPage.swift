/// The outbox's emails: when, what, to whom, their state and the last problem.
public struct ConsoleEmailsPage: Sendable, Hashable {
    /// One email: when it was asked for, its kind, recipient (untrusted), state
    /// (`pending`, `delivered`, `failed`) and last error (ours, never a stack trace).
    public struct Row: Sendable, Hashable {
        /// The columns.
        public var when, kind, recipient, state, problem: String
        /// The entry's outbox sequence number (what a retry names); empty: no retry button.
        public var seq: String

        /// Creates a row.
        public init(when: String, kind: String, recipient: String, state: String, problem: String, seq: String = "") {
            self.when = when
            self.kind = kind
            self.recipient = recipient
            self.state = state
            self.problem = problem
            self.seq = seq
        }
    }

    /// What a retry did (issue 13, item 9).
    public enum Retry: Sendable, Hashable {
        /// The failed email to `recipient` is due again.
        case dueAgain(recipient: String)
        /// Refused: the email was sent or is still waiting (409).
        case refused
    }

    /// After a retry: what it did.
    public var retry: Retry?

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
            retryNotice(kit),
            kit.section(t(.emailsTitle), [
                rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noEmails)) : kit.table(
                    // An actions column only when a row can be retried (issue 13, item 9).
                    headers: [t(.whenColumn), t(.whatColumn), t(.recipientColumn), t(.stateLabel), t(.errorColumn)]
                        + (hasRetry ? [t(.actionsColumn)] : []),
                    rows: rows.map { row in
                        [.text(row.when), .text(row.kind), .isolated(row.recipient), .text(t(Self.label(ofState: row.state))),
                         .text(row.problem)] + (hasRetry ? [retryCell(row, kit)] : [])
                    }),
                next.map { .el(.a, [.class("button button-secondary"), .href(ConsolePaths.emails + "?after=" + PortalPaths.segment($0))],
                               text: t(.nextPage)) } ?? .empty,
            ]),
        ]
    }

    /// The notice after a retry, if one was asked for.
    private func retryNotice(_ kit: ConsoleKit) -> HTMLNode {
        switch retry {
        case .dueAgain(let recipient)?:
            .el(.div, [.class("notice notice-success"), .role("status"), .id("retry-notice")], [
                .el(.p, [], [.isolated(kit.t(.emailRetried, ["email": recipient]))]),
            ])
        case .refused?:
            .el(.div, [.class("error-summary"), .role("alert"), .id("retry-notice")], [.el(.p, text: kit.t(.emailRetryRefused))])
        case nil:
            .empty
        }
    }

    /// Whether a row of this page can be retried (a failed email).
    private var hasRetry: Bool { rows.contains { $0.state == "failed" && !$0.seq.isEmpty } }

    /// A failed row's "Retry" button (a POST with its CSRF token); nothing for the others.
    private func retryCell(_ row: Row, _ kit: ConsoleKit) -> HTMLNode {
        guard row.state == "failed", !row.seq.isEmpty else { return .empty }
        return kit.postForm(ConsolePaths.emailRetry(row.seq), attributes: [.class("inline-form")], [
            kit.forms.button(kit.t(.retryEmail), style: "button button-secondary",
                             extra: [.aria("label", kit.t(.retryEmailTo, ["email": row.recipient]))]),
        ])
    }
}
