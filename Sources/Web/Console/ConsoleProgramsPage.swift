/// The programs list and the form that creates one: name, group size, participation
/// mode, and one `differentValue` or `sameValue` rule on a category.
public struct ConsoleProgramsPage: Sendable, Hashable {
    /// One program of the list: id, name (untrusted), status and group size.
    public struct Row: Sendable, Hashable {
        /// The program's id, name, status and group size.
        public var id, name, status: String, groupSize: Int
        /// Its owners' addresses, joined (shown to administrators only; untrusted).
        public var owners: String?

        /// Creates a row.
        public init(id: String, name: String, status: String, groupSize: Int) {
            self.id = id
            self.name = name
            self.status = status
            self.groupSize = groupSize
        }
    }

    /// The form's values, kept when it comes back with a problem.
    public struct Form: Sendable, Hashable {
        /// The name, group size, participation (`automatic`, `optIn`), rule (`none`,
        /// `differentValue`, `sameValue`) and the rule's category key.
        public var name = "", groupSize = "2", participation = "automatic", rule = "none", ruleCategory = ""

        /// An empty form.
        public init() {}
    }

    /// The programs, oldest first.
    public var programs: [Row]
    /// The tenant's categories (key, label) a rule may use.
    public var categories: [(key: String, label: String)]
    /// The form.
    public var form: Form
    /// Whether the form came back refused.
    public var isInvalid: Bool
    /// Whether the signed-in person may create programs (both roles may).
    public var canCreate: Bool
    /// The new program's owners: an administrator ticks them; a program manager owns it.
    public var owners = ConsoleProgramOwners()
    /// Whether the form came back because a ticked owner is no longer on the console list.
    public var ownersRefused = false

    /// Creates the page.
    public init(programs: [Row], categories: [(key: String, label: String)], form: Form = Form(), isInvalid: Bool = false,
                canCreate: Bool = true) {
        self.programs = programs
        self.categories = categories
        self.form = form
        self.isInvalid = isInvalid
        self.canCreate = canCreate
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.programs == rhs.programs && lhs.form == rhs.form && lhs.isInvalid == rhs.isInvalid
            && lhs.categories.map(\.key) == rhs.categories.map(\.key) && lhs.owners == rhs.owners
            && lhs.ownersRefused == rhs.ownersRefused
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(programs) }
}

extension ConsoleProgramsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.programsTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let showsOwners = owners.isEditable
        let list: HTMLNode = programs.isEmpty ? .el(.p, [.class("muted")], text: t(.noPrograms)) : kit.table(
            headers: [t(.programNameLabel), t(.statusLabel), t(.groupSizeLabel)] + (showsOwners ? [t(.ownersColumn)] : []),
            rows: programs.map { row in
                [.el(.a, [.href(ConsolePaths.program(row.id))], [.isolated(row.name)]), .text(row.status), .text(String(row.groupSize))]
                    + (showsOwners ? [.isolated(row.owners ?? "")] : [])
            })
        let create = kit.section(t(.newProgram), [
            forms.errorSummary(ownersRefused ? [("owner", t(.programEditInvalid, ["problem": t(.ownersNotListed)]))]
                               : isInvalid ? [("name", t(.programInvalid))] : []),
            kit.postForm(ConsolePaths.programs, [
                forms.textField(id: "name", name: ConsoleField.name, label: t(.programNameLabel), value: form.name,
                                autocomplete: "off", isRequired: true, extra: [.maxlength(200)]),
                forms.textField(id: "groupSize", name: ConsoleField.groupSize, label: t(.groupSizeLabel), value: form.groupSize,
                                type: "number", isRequired: true, extra: [.min("2"), .max("10")]),
                forms.choices(id: "participation", name: ConsoleField.participation, legend: t(.participationLabel), type: "radio",
                              options: [("automatic", t(.participationAutomatic)), ("optIn", t(.participationOptIn))],
                              checked: [form.participation]),
                forms.choices(id: "rule", name: ConsoleField.rule, legend: t(.ruleHeading), type: "radio",
                              options: [("none", t(.ruleNone)), ("differentValue", t(.ruleDifferent)), ("sameValue", t(.ruleSame))],
                              checked: [form.rule]),
                forms.select(id: "ruleCategory", name: ConsoleField.ruleCategory, label: t(.ruleCategoryLabel),
                             options: categories.map { (value: $0.key, label: $0.label) },
                             selected: form.ruleCategory.isEmpty ? nil : form.ruleCategory, placeholder: "—"),
                owners.section(kit, isNew: true),
                forms.button(t(.createProgram)),
            ]),
        ])
        return [.el(.p, [.class("lede")], text: t(.programsIntro)), kit.section(t(.programsTitle), [list]),
                canCreate ? create : .empty]
    }
}
