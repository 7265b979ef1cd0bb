/// The tenant's categories (kind, who fills them, the values known so far and how many
/// members have each), the form that creates one, and the identity provider's attribute
/// mapping (which SCIM attribute fills which category), editable.
public struct ConsoleCategoriesPage: Sendable, Hashable {
    /// One category.
    public struct Row: Sendable, Hashable {
        /// Its key, label (untrusted), kind (`singleSelect`, `multiSelect`, `text`) and
        /// owner (`identityProvider`, `member`, `admin`).
        public var key, label, kind, owner: String
        /// The values known so far with how many live members have each, most first.
        public var values: [Count]
        /// How many live members have a value.
        public var members: Int

        /// Creates a row.
        public init(key: String, label: String, kind: String, owner: String, values: [Count], members: Int) {
            self.key = key
            self.label = label
            self.kind = kind
            self.owner = owner
            self.values = values
            self.members = members
        }
    }

    /// A value and how many members have it.
    public struct Count: Sendable, Hashable {
        public var value: String
        public var members: Int

        /// Creates one.
        public init(value: String, members: Int) {
            self.value = value
            self.members = members
        }
    }

    /// One rule of the attribute mapping: a SCIM attribute path and a category key.
    public struct MappingRow: Sendable, Hashable {
        public var path, category: String

        /// Creates one.
        public init(path: String, category: String) {
            self.path = path
            self.category = category
        }
    }

    /// The categories, in catalog order.
    public var rows: [Row]
    /// The mapping's rules, in order.
    public var mapping: [MappingRow]
    /// The new-category form's label and kind (kept after a refusal).
    public var newLabel, newKind: String
    /// A refusal of the last form (a sentence), if any.
    public var problem: String?

    /// Creates the page.
    public init(rows: [Row], mapping: [MappingRow], newLabel: String = "", newKind: String = "singleSelect", problem: String? = nil) {
        self.rows = rows
        self.mapping = mapping
        self.newLabel = newLabel
        self.newKind = newKind
        self.problem = problem
    }

    /// The kinds a category may have, with their messages.
    static let kinds: [(String, ConsoleMessageKey)] = [("singleSelect", .kindSingle), ("multiSelect", .kindMulti), ("text", .kindText)]

    /// The message of a kind.
    static func kindLabel(_ kind: String, _ t: ConsoleLocalizer) -> String {
        kinds.first { $0.0 == kind }.map { t($0.1) } ?? kind
    }

    /// The message of an owner.
    static func ownerLabel(_ owner: String, _ t: ConsoleLocalizer) -> String {
        switch owner {
        case "identityProvider": t(.ownerDirectory)
        case "member": t(.ownerMember)
        default: t(.ownerAdmin)
        }
    }

    /// Blank rows the mapping form offers for new rules.
    static let blankMappingRows = 2
}

extension ConsoleCategoriesPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.categoriesTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [.el(.p, [.class("lede")], text: t(.categoriesIntro))]
        if let problem { children.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(problem)])])) }
        children.append(kit.section(t(.categoriesTitle), [
            rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noCategories)) : kit.table(
                headers: [t(.categoryColumn), t(.kindColumn), t(.ownerColumn), t(.membersColumn), t(.valuesColumn)],
                rows: rows.map { row in
                    [.el(.a, [.href(ConsolePaths.category(row.key))], [.isolated(row.label)]),
                     .text(Self.kindLabel(row.kind, t)), .text(Self.ownerLabel(row.owner, t)), .text(String(row.members)),
                     row.values.isEmpty ? .el(.span, [.class("muted")], text: "—")
                        : .el(.ul, [.class("plain value-counts")], row.values.prefix(30).map { count in
                            .el(.li, [], [.isolated(count.value), .el(.span, [.class("muted")], text: " · \(count.members)")])
                        } + (row.values.count > 30 ? [.el(.li, [.class("muted")], text: t(.moreValues, ["count": String(row.values.count - 30)]))] : []))]
                }),
        ]))
        children.append(kit.section(t(.newCategoryHeading), [
            kit.postForm(ConsolePaths.categories, attributes: [.class("toolbar")], [
                forms.textField(id: "category-label", name: ConsoleField.label, label: t(.categoryLabelField), value: newLabel,
                                isRequired: true, extra: [.maxlength(100)]),
                forms.select(id: "category-kind", name: ConsoleField.kind, label: t(.kindColumn),
                             options: Self.kinds.map { (value: $0.0, label: t($0.1)) }, selected: newKind),
                forms.button(t(.createCategory)),
            ]),
        ]))
        let categoryOptions = rows.map { (value: $0.key, label: $0.label) }
        let mappingRows = mapping + Array(repeating: MappingRow(path: "", category: ""), count: Self.blankMappingRows)
        children.append(kit.section(t(.mappingHeading), [
            .el(.p, [.class("hint")], text: t(.mappingHint)),
            kit.postForm(ConsolePaths.categoryMapping, [
                .el(.div, [.class("table-wrap")], [.el(.table, [.class("data mapping-table")], [
                    .el(.thead, [], [.el(.tr, [], [.el(.th, [.scope("col")], text: t(.mappingPathColumn)),
                                                   .el(.th, [.scope("col")], text: t(.categoryColumn))])]),
                    .el(.tbody, [], mappingRows.enumerated().map { index, rule in
                        .el(.tr, [], [
                            .el(.td, [.data("label", t(.mappingPathColumn))], [.el(.input, [.type("text"), .id("mapping-path-\(index)"), .name(ConsoleField.mappingPath),
                                                       .value(rule.path), .maxlength(300), .aria("label", t(.mappingPathColumn)),
                                                       .dir("ltr")])]),
                            .el(.td, [.data("label", t(.categoryColumn))], [.el(.select, [.id("mapping-category-\(index)"), .name(ConsoleField.mappingCategory),
                                                        .aria("label", t(.categoryColumn))],
                                              [.el(.option, [.value("")] + (rule.category.isEmpty ? [.selected] : []), text: t(.mappingNone))]
                                              + categoryOptions.map { option in
                                                .el(.option, [.value(option.value)] + (option.value == rule.category ? [.selected] : []),
                                                    text: option.label)
                                              })]),
                        ])
                    }),
                ])]),
                forms.button(t(.saveMapping)),
            ]),
        ]))
        return children
    }
}
