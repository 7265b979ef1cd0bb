/// The console's home: members by status and the next sessions.
public struct ConsoleHomePage: Sendable, Hashable {
    /// A session to come.
    public struct NextSession: Sendable, Hashable {
        /// The program's name (untrusted).
        public var programName: String
        /// When it matches, already formatted.
        public var matchAt: String
        /// The session's id.
        public var sessionID: String

        /// Creates a value.
        public init(programName: String, matchAt: String, sessionID: String) {
            self.programName = programName
            self.matchAt = matchAt
            self.sessionID = sessionID
        }
    }

    /// Members by status.
    public struct StatusCounts: Sendable, Hashable {
        /// Live members by local status, and deprovisioned members.
        public var active, pending, inactive, deprovisioned: Int
        /// Emails waiting to be sent, and failed for good.
        public var emailsWaiting, emailsFailed: Int

        /// Creates a value.
        public init(active: Int, pending: Int, inactive: Int, deprovisioned: Int, emailsWaiting: Int = 0, emailsFailed: Int = 0) {
            self.active = active
            self.pending = pending
            self.inactive = inactive
            self.deprovisioned = deprovisioned
            self.emailsWaiting = emailsWaiting
            self.emailsFailed = emailsFailed
        }
    }

    /// The members by status; nil hides the figures (a program manager's home).
    public var counts: StatusCounts?
    /// The next sessions, soonest first.
    public var nextSessions: [NextSession]

    /// Provisioning health (administrators only); nil hides it.
    public var health: ProvisioningHealth?

    /// Creates the page.
    public init(counts: StatusCounts?, nextSessions: [NextSession], health: ProvisioningHealth? = nil) {
        self.counts = counts
        self.nextSessions = nextSessions
        self.health = health
    }

    /// The provisioning log's last 24 hours (console-b): the last SCIM request, requests
    /// and errors per IdP client, the last errors with the detail the client was shown.
    public struct ProvisioningHealth: Sendable, Hashable {
        /// One client: its name (a token's label, or its user agent; untrusted), requests and errors.
        public struct Client: Sendable, Hashable {
            /// The client's name and its last request (formatted).
            public var name, lastRequest: String
            /// Requests and errors over the last 24 hours.
            public var requests, errors: Int

            /// Creates a row.
            public init(name: String, lastRequest: String, requests: Int, errors: Int) {
                self.name = name
                self.lastRequest = lastRequest
                self.requests = requests
                self.errors = errors
            }
        }

        /// One failed request: when, what, the status and the detail (untrusted).
        public struct Failure: Sendable, Hashable {
            /// When (formatted), the operation and resource, the status, and the detail shown to the client.
            public var when, what, status, detail: String

            /// Creates a row.
            public init(when: String, what: String, status: String, detail: String) {
                self.when = when
                self.what = what
                self.status = status
                self.detail = detail
            }
        }

        /// The last request (formatted, with its status), if any.
        public var lastRequest: String?
        /// The clients, the most active first.
        public var clients: [Client]
        /// The last errors, newest first.
        public var failures: [Failure]

        /// Creates a value.
        public init(lastRequest: String?, clients: [Client], failures: [Failure]) {
            self.lastRequest = lastRequest
            self.clients = clients
            self.failures = failures
        }
    }
}

extension ConsoleHomePage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.homeTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        var children: [HTMLNode] = [.el(.p, [.class("lede")], text: t(.homeIntro, ["organisation": kit.context.organisationName]))]
        if let counts {
            let figures: [(Int, ConsoleMessageKey, String)] = [
                (counts.active, .statusActive, "active"), (counts.pending, .statusPending, "pending"),
                (counts.inactive, .statusInactive, "inactive"), (counts.deprovisioned, .statusDeprovisioned, "deprovisioned"),
            ]
            children.append(kit.section(t(.membersByStatus), [
                .el(.ul, [.class("figures")], figures.map { count, key, status in
                    .el(.li, [], [
                        .el(.a, [.href(ConsolePaths.members + "?status=" + status)], [
                            .el(.span, [.class("figure")], text: String(count)),
                            .el(.span, [.class("label")], text: t(key)),
                        ]),
                    ])
                }),
            ]))
        }
        if let counts {
            children.append(kit.section(t(.emailsHeading), [
                .el(.ul, [.class("figures")], [(counts.emailsWaiting, ConsoleMessageKey.emailsWaiting), (counts.emailsFailed, .emailsFailed)]
                    .map { count, key in
                        .el(.li, [], [.el(.span, [.class("figure")], text: String(count)), .el(.span, [.class("label")], text: t(key))])
                    }),
            ]))
        }
        if let health { children.append(Self.health(health, kit)) }
        children.append(kit.section(t(.nextSessions), nextSessions.isEmpty ? [.el(.p, [.class("muted")], text: t(.noNextSessions))] : [
            kit.table(headers: [t(.programColumn), t(.matchAtLabel), ""], rows: nextSessions.map { session in
                [.isolated(session.programName), .text(session.matchAt),
                 .el(.a, [.href(ConsolePaths.session(session.sessionID))], text: t(.viewSession))]
            }),
        ]))
        return children
    }

    private static func health(_ health: ProvisioningHealth, _ kit: ConsoleKit) -> HTMLNode {
        let t = kit.t
        return kit.section(t(.healthHeading), [
            .el(.p, [], text: health.lastRequest.map { t(.lastRequestLabel, ["when": $0]) } ?? t(.noRequests)),
            health.clients.isEmpty ? .empty : kit.table(
                headers: [t(.clientColumn), t(.requestsColumn), t(.errorsColumn), t(.lastRequestColumn)],
                rows: health.clients.map { client in
                    [.isolated(client.name), .text(String(client.requests)),
                     .el(.span, client.errors > 0 ? [.class("field-error")] : [], text: String(client.errors)), .text(client.lastRequest)]
                }),
            .el(.h3, text: t(.lastErrorsHeading)),
            health.failures.isEmpty ? .el(.p, [.class("muted")], text: t(.noErrors)) : kit.table(
                headers: [t(.whenColumn), t(.whatColumn), t(.statusColumn), t(.errorColumn)],
                rows: health.failures.map { [.text($0.when), .isolated($0.what), .text($0.status), .isolated($0.detail)] }),
        ])
    }
}
