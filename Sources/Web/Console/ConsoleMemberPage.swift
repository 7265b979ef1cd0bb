/// One member's page: details, categories with who owns each, programs, match history
/// and what happened to the member.
public struct ConsoleMemberPage: Sendable, Hashable {
    /// A label and its value (untrusted values).
    public struct Fact: Sendable, Hashable {
        /// The label and the value.
        public var label, value: String

        /// Creates a value.
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The member's display name.
    public var name: String
    /// Email, status, source…
    public var facts: [Fact]
    /// Each category: its label, values, and owner (`identityProvider`, `admin`, `member`).
    public var categories: [(label: String, values: [String], owner: String)]
    /// The member's past groups: when, which program, with whom.
    public var matches: [(date: String, program: String, partners: [String])]
    /// What happened to the member, oldest first: when, and the event's kind.
    public var history: [Fact]
    /// The status and snooze forms (console-b); nil hides them.
    public var statusControl: StatusControl?

    /// What the status and snooze forms need.
    public struct StatusControl: Sendable, Hashable {
        /// The member's id; its status (`pending`, `active`, `inactive`, `deprovisioned`); the
        /// day its snooze ends (`yyyy-mm-dd`), if snoozed.
        public var memberID, status: String
        /// The day the snooze ends, if any.
        public var snoozedUntil: String?

        /// Creates a value.
        public init(memberID: String, status: String, snoozedUntil: String?) {
            self.memberID = memberID
            self.status = status
            self.snoozedUntil = snoozedUntil
        }
    }

    /// Creates the page.
    public init(name: String, facts: [Fact], categories: [(label: String, values: [String], owner: String)],
                matches: [(date: String, program: String, partners: [String])], history: [Fact]) {
        self.name = name
        self.facts = facts
        self.categories = categories
        self.matches = matches
        self.history = history
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name && lhs.facts == rhs.facts && lhs.history == rhs.history }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension ConsoleMemberPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { name }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        func owner(_ key: String) -> String {
            switch key {
            case "identityProvider": t(.ownerDirectory)
            case "member": t(.ownerMember)
            default: t(.ownerAdmin)
            }
        }
        return [
            .el(.div, [.class("two-columns")], [
                kit.section(t(.memberData), [
                    .el(.dl, [.class("facts")], facts.flatMap { [.el(.dt, text: $0.label), .el(.dd, [], [.isolated($0.value)])] }),
                ]),
                kit.section(t(.categoriesHeading), categories.isEmpty ? [.el(.p, [.class("muted")], text: t(.noHistory))] : [
                    kit.table(headers: [t(.ruleCategoryLabel), t(.valuesColumn), t(.ownerColumn)], rows: categories.map { category in
                        [.isolated(category.label), .isolated(category.values.joined(separator: ", ")),
                         .el(.span, [.class("muted")], text: owner(category.owner))]
                    }),
                ]),
            ]),
            statusControl.map { Self.statusForms($0, kit) } ?? .empty,
            kit.section(t(.matchHistoryHeading), matches.isEmpty ? [.el(.p, [.class("muted")], text: t(.noHistory))] : [
                kit.table(headers: [t(.whenColumn), t(.programColumn), t(.partnersColumn)], rows: matches.map { match in
                    [.text(match.date), .isolated(match.program), .isolated(match.partners.joined(separator: ", "))]
                }),
            ]),
            kit.section(t(.historyHeading), history.isEmpty ? [.el(.p, [.class("muted")], text: t(.noHistory))] : [
                kit.table(headers: [t(.whenColumn), t(.whatColumn)], rows: history.map { [.text($0.label), .text($0.value)] }),
            ]),
        ]
    }

    /// Activate or deactivate (a pending or deprovisioned member has neither), and snooze
    /// until a day or end the snooze.
    private static func statusForms(_ control: StatusControl, _ kit: ConsoleKit) -> HTMLNode {
        let t = kit.t, forms = kit.forms
        let target: (String, ConsoleMessageKey)? = switch control.status {
        case "active": ("inactive", .setInactive)
        case "inactive": ("active", .setActive)
        default: nil
        }
        return kit.section(t(.memberStatusHeading), [
            target.map { value, label in
                kit.postForm(ConsolePaths.memberStatus(control.memberID), [
                    forms.hidden(ConsoleField.status, value), forms.button(t(label), style: "button button-secondary"),
                ])
            } ?? .el(.p, [.class("muted")], text: t(.statusNotChangeable)),
            .el(.p, [], text: control.snoozedUntil.map { t(.snoozedUntilLabel, ["day": $0]) } ?? t(.notSnoozed)),
            kit.postForm(ConsolePaths.memberSnooze(control.memberID), attributes: [.class("toolbar")], [
                forms.textField(id: "until", name: ConsoleField.until, label: t(.snoozeLabel), value: control.snoozedUntil ?? "",
                                type: "date"),
                forms.button(t(.snoozeSubmit), style: "button button-secondary", name: ConsoleField.intent, value: "snooze"),
                control.snoozedUntil == nil ? .empty
                    : forms.button(t(.endSnooze), style: "link-button", name: ConsoleField.intent, value: "end"),
            ]),
        ])
    }
}
