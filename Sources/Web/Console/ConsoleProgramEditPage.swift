/// Editing a program (issue 13, item 7): name; audience (everyone, a SCIM group, or a
/// category expression) with a "Count" button that shows how many members it holds
/// without saving; participation; group size; up to ``ruleRows`` rules in priority order;
/// the repeat window; the schedule (once, or every N weeks on a weekday at a time in a
/// time zone). Works without script: Count and Save are two buttons of one form, and
/// Enter in a field saves (a hidden Save is the form's first, default, button).
public struct ConsoleProgramEditPage: Sendable, Hashable {
    /// The form's values, as typed (strings, so a wrong value is shown back).
    public struct Form: Sendable, Hashable {
        /// The program's name and group size and repeat window, as typed.
        public var name = "", groupSize = "2", repeatWindow = "6"
        /// `all`, `group` or `categories`; the group's id; the category expression.
        public var audience = "all", audienceGroup = "", audienceExpression = ""
        /// `automatic` or `optIn`.
        public var participation = "automatic"
        /// Per row: `none`, `differentValue` or `sameValue`, and the category's key.
        public var rules: [RuleRow] = []
        /// `once` or `recurring`; the one session's time (`yyyy-mm-ddThh:mm`, UTC).
        public var schedule = "once", onceAt = ""
        /// A recurring schedule: every N weeks (1–4), ISO weekday (1 = Monday), `hh:mm`, time zone.
        public var everyWeeks = "1", weekday = "1", time = "09:30", timeZone = "UTC"
        /// The opt-in period, in days before each match (0: none; an opt-in program needs one).
        public var optInDays = "0"

        /// An empty form.
        public init() {}
    }

    /// One rule row: `none`, `differentValue` or `sameValue`, and the category's key.
    public struct RuleRow: Sendable, Hashable {
        /// The rule's kind and category.
        public var kind, category: String

        /// Creates a row.
        public init(kind: String, category: String) {
            self.kind = kind
            self.category = category
        }
    }

    /// The program's id and current name (untrusted).
    public var programID, programName: String
    /// The form.
    public var form: Form
    /// The tenant's categories and SCIM groups (value, label; labels untrusted).
    public var categories, groups: [Choice]
    /// Rules the console cannot edit (kept as they are, after the form's), as labels.
    public var keptRules: [String]
    /// How many members the form's audience holds, after "Count".
    public var audienceCount: Int?
    /// The problem to show (already localized), after a refused save or count.
    public var problem: String?
    /// The program's owners: ticked by an administrator, read by a program manager.
    public var owners = ConsoleProgramOwners()

    /// A value and its label.
    public typealias Choice = ConsoleChoice

    /// Creates the page.
    public init(programID: String, programName: String, form: Form, categories: [Choice], groups: [Choice], keptRules: [String],
                audienceCount: Int? = nil, problem: String? = nil) {
        self.programID = programID
        self.programName = programName
        self.form = form
        self.categories = categories
        self.groups = groups
        self.keptRules = keptRules
        self.audienceCount = audienceCount
        self.problem = problem
    }

    /// The rule rows the form offers.
    public static let ruleRows = 3
}

extension ConsoleProgramEditPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.editProgramTitle) + " · " + programName }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let categoryOptions = categories.map { (value: $0.value, label: $0.label) }
        let ruleKinds = [(value: "none", label: t(.ruleNone)), (value: "differentValue", label: t(.ruleDifferent)),
                         (value: "sameValue", label: t(.ruleSame))]
        let rows = (0..<Self.ruleRows).map { index -> HTMLNode in
            let rule = index < form.rules.count ? form.rules[index] : RuleRow(kind: "none", category: "")
            return .el(.div, [.class("toolbar rule-row")], [
                forms.select(id: "rule\(index)", name: ConsoleField.rule + String(index), label: t(.rulePriority, ["number": String(index + 1)]),
                             options: ruleKinds, selected: rule.kind),
                forms.select(id: "ruleCategory\(index)", name: ConsoleField.ruleCategory + String(index), label: t(.ruleCategoryLabel),
                             options: categoryOptions, selected: rule.category.isEmpty ? nil : rule.category, placeholder: "—"),
            ])
        }
        let weekdays = (1...7).map { (value: String($0), label: t(ConsoleProgramEditPage.weekdayKeys[$0 - 1])) }
        return [
            problem.map { .el(.div, [.class("notice notice-error"), .role("alert")], [.el(.p, text: $0)]) } ?? .empty,
            kit.postForm(ConsolePaths.programEdit(programID), [
                // The form's default button (HTML: implicit submission presses the first submit
                // button in tree order): Enter in a field saves, it does not press "Count". Out
                // of sight, out of the Tab order and of the accessibility tree; the visible Save
                // stays at the end.
                forms.button(t(.saveProgram), style: "visually-hidden", name: ConsoleField.intent, value: "save",
                             extra: [.tabindex(-1), .aria("hidden", "true"), .id("default-save")]),
                kit.section(t(.programColumn), [
                    forms.textField(id: "name", name: ConsoleField.name, label: t(.programNameLabel), value: form.name, isRequired: true,
                                    extra: [.maxlength(200)]),
                    forms.choices(id: "participation", name: ConsoleField.participation, legend: t(.participationLabel), type: "radio",
                                  options: [(value: "automatic", label: t(.participationAutomatic)), (value: "optIn", label: t(.participationOptIn))],
                                  checked: [form.participation]),
                    forms.textField(id: "groupSize", name: ConsoleField.groupSize, label: t(.groupSizeLabel), value: form.groupSize,
                                    type: "number", isRequired: true, extra: [.min("2"), .max("6")]),
                    forms.textField(id: "repeatWindow", name: ConsoleField.repeatWindow, label: t(.repeatWindowLabel), value: form.repeatWindow,
                                    type: "number", hint: t(.repeatWindowHint), extra: [.min("0"), .max("52")]),
                ]),
                kit.section(t(.audienceHeading), [
                    forms.choices(id: "audience", name: ConsoleField.audience, legend: t(.audienceLabel), type: "radio",
                                  options: [(value: "all", label: t(.audienceAll)), (value: "group", label: t(.audienceGroup)),
                                            (value: "categories", label: t(.audienceCategories))],
                                  checked: [form.audience]),
                    forms.select(id: "audienceGroup", name: ConsoleField.audienceGroup, label: t(.audienceGroupLabel),
                                 options: groups.map { (value: $0.value, label: $0.label) },
                                 selected: form.audienceGroup.isEmpty ? nil : form.audienceGroup, placeholder: "—"),
                    forms.textField(id: "audienceExpression", name: ConsoleField.audienceExpression, label: t(.audienceExpressionLabel),
                                    value: form.audienceExpression, hint: t(.audienceExpressionHint), extra: [.maxlength(2_000)]),
                    .el(.div, [.class("toolbar")], [
                        forms.button(t(.countAudience), style: "button button-secondary", name: ConsoleField.intent, value: "count"),
                        audienceCount.map { .el(.p, [.class("audience-count"), .role("status"), .id("audience-count")],
                                                text: t(.audienceCount, ["count": String($0)])) } ?? .empty,
                    ]),
                ]),
                kit.section(t(.ruleHeading), [.el(.p, [.class("muted")], text: t(.rulesHint))] + rows + [
                    keptRules.isEmpty ? .empty : .el(.p, [.class("muted")], text: t(.keptRules, ["rules": keptRules.joined(separator: "; ")])),
                ]),
                kit.section(t(.scheduleHeading), [
                    forms.choices(id: "schedule", name: ConsoleField.schedule, legend: t(.scheduleLabel), type: "radio",
                                  options: [(value: "once", label: t(.scheduleOnce)), (value: "recurring", label: t(.scheduleRecurring))],
                                  checked: [form.schedule]),
                    forms.textField(id: "optInDays", name: ConsoleField.optInDays, label: t(.optInDaysLabel), value: form.optInDays,
                                    type: "number", hint: t(.optInDaysHint), extra: [.min("0"), .max("28")]),
                    forms.textField(id: "onceAt", name: ConsoleField.matchAt, label: t(.onceAtLabel), value: form.onceAt, type: "datetime-local"),
                    .el(.div, [.class("toolbar")], [
                        forms.textField(id: "everyWeeks", name: ConsoleField.everyWeeks, label: t(.everyWeeksLabel), value: form.everyWeeks,
                                        type: "number", extra: [.min("1"), .max("4")]),
                        forms.select(id: "weekday", name: ConsoleField.weekday, label: t(.weekdayLabel), options: weekdays, selected: form.weekday),
                        forms.textField(id: "time", name: ConsoleField.time, label: t(.timeLabel), value: form.time, type: "time"),
                        forms.textField(id: "timeZone", name: ConsoleField.timeZone, label: t(.timeZoneLabel), value: form.timeZone,
                                        extra: [.maxlength(64)]),
                    ]),
                ]),
                owners.section(kit),
                forms.button(t(.saveProgram), name: ConsoleField.intent, value: "save"),
            ]),
        ]
    }

    /// Monday … Sunday.
    static let weekdayKeys: [ConsoleMessageKey] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
}
