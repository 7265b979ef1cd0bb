/// One category: its facts, and the form that edits it (label, whether members may
/// edit it — never for one the identity provider fills —, values to add).
public struct ConsoleCategoryPage: Sendable, Hashable {
    /// The category's key, label (untrusted), kind and owner (as ``ConsoleCategoriesPage/Row``).
    public var key, label, kind, owner: String
    /// Whether members may edit it, and whether the identity provider's values make it
    /// read-only.
    public var isMemberEditable, isReadOnly: Bool
    /// The values known so far.
    public var values: [String]
    /// A refusal of the last form (a sentence), if any.
    public var problem: String?

    /// Creates the page.
    public init(key: String, label: String, kind: String, owner: String, isMemberEditable: Bool, isReadOnly: Bool,
                values: [String], problem: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.owner = owner
        self.isMemberEditable = isMemberEditable
        self.isReadOnly = isReadOnly
        self.values = values
        self.problem = problem
    }
}

extension ConsoleCategoryPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { label }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let facts: [(String, String)] = [
            (t(.categoryKeyLabel), key), (t(.kindColumn), ConsoleCategoriesPage.kindLabel(kind, t)),
            (t(.ownerColumn), ConsoleCategoriesPage.ownerLabel(owner, t)),
            (t(.valuesColumn), values.isEmpty ? "—" : values.joined(separator: ", ")),
        ]
        var editable: [HTMLNode] = []
        if !isReadOnly {
            editable.append(forms.choices(id: "member-editable", name: ConsoleField.memberEditable, legend: t(.memberEditableLegend),
                                          type: "checkbox", options: [("yes", t(.memberEditableYes))],
                                          checked: isMemberEditable ? ["yes"] : []))
        }
        return [
            problem.map { .el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated($0)])]) } ?? .empty,
            kit.section(t(.memberData), [
                .el(.dl, [.class("facts")], facts.flatMap { [HTMLNode.el(.dt, text: $0.0), .el(.dd, [], [.isolated($0.1)])] }),
            ]),
            kit.section(t(.editCategoryHeading), [
                kit.postForm(ConsolePaths.category(key), [
                    forms.textField(id: "category-label", name: ConsoleField.label, label: t(.categoryLabelField), value: label,
                                    isRequired: true, extra: [.maxlength(100)]),
                    .fragment(editable),
                    .el(.div, [.class("field")], [
                        .el(.label, [.for("category-values")], text: t(.addValuesLabel)),
                        .el(.span, [.class("hint"), .id("category-values-hint")], text: t(.addValuesHint)),
                        .el(.textarea, [.id("category-values"), .name(ConsoleField.values), .rows(3), .maxlength(20_000),
                                        .aria("describedby", "category-values-hint")], text: ""),
                    ]),
                    forms.button(t(.saveCategory)),
                ]),
            ]),
            .el(.a, [.class("button button-secondary"), .href(ConsolePaths.categories)], text: t(.categoriesTitle)),
        ]
    }
}
