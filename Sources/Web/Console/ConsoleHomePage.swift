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

    /// Creates the page.
    public init(counts: StatusCounts?, nextSessions: [NextSession]) {
        self.counts = counts
        self.nextSessions = nextSessions
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
        children.append(kit.section(t(.nextSessions), nextSessions.isEmpty ? [.el(.p, [.class("muted")], text: t(.noNextSessions))] : [
            kit.table(headers: [t(.programColumn), t(.matchAtLabel), ""], rows: nextSessions.map { session in
                [.isolated(session.programName), .text(session.matchAt),
                 .el(.a, [.href(ConsolePaths.session(session.sessionID))], text: t(.viewSession))]
            }),
        ]))
        return children
    }
}
