/// The CSV import's middle steps on one page: a preview of the file's first rows, the
/// mapping of each column (an existing category, a new one of a chosen kind, or
/// ignored; pre-filled with the import's suggestions), and once checked the dry run's
/// report with the apply form (welcome email yes/no). Everything shown comes from the
/// server's own plan of the file kept on the server; the form sends choices only.
public struct ConsoleImportPlanPage: Sendable, Hashable {
    /// One column of the file.
    public struct Column: Sendable, Hashable {
        /// Its 1-based position and header (untrusted).
        public var position: Int
        public var header: String
        /// For a mandatory column, what it is (first name, last name, email): always
        /// imported, no choice.
        public var mandatory: String?
        /// The current choice (`ignore`, `category:<key>`, `new`, `new-multi`, `new-text`).
        public var choice: String

        /// Creates a column.
        public init(position: Int, header: String, mandatory: String?, choice: String) {
            self.position = position
            self.header = header
            self.mandatory = mandatory
            self.choice = choice
        }
    }

    /// An existing category a column may fill.
    public struct Category: Sendable, Hashable {
        /// Its key and label.
        public var key, label: String

        /// Creates one.
        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// One row with an error or a warning.
    public struct RowIssue: Sendable, Hashable {
        /// The line the row starts on, its email cell (untrusted), and the sentences.
        public var line: Int
        public var email: String
        public var errors, warnings: [String]

        /// Creates one.
        public init(line: Int, email: String, errors: [String], warnings: [String]) {
            self.line = line
            self.email = email
            self.errors = errors
            self.warnings = warnings
        }
    }

    /// A dry run's report.
    public struct Report: Sendable, Hashable {
        /// Row counts.
        public var created, updated, unchanged, rejected: Int
        /// Whether the import can be applied (no file or row error).
        public var isApplicable: Bool
        /// Errors about the whole file.
        public var fileErrors: [String]
        /// Rows with an issue (the first ones).
        public var issues: [RowIssue]
        /// How many rows have an issue in all.
        public var issueCount: Int
        /// Columns not imported, with why: `(header, reason)`.
        public var ignoredColumns: [[String]]
        /// New categories: `(label, kind, values…)`.
        public var newCategories: [[String]]
        /// Values new to existing categories: `(label, values…)`.
        public var grownValues: [[String]]

        /// Creates a report.
        public init(created: Int, updated: Int, unchanged: Int, rejected: Int, isApplicable: Bool, fileErrors: [String],
                    issues: [RowIssue], issueCount: Int, ignoredColumns: [[String]], newCategories: [[String]],
                    grownValues: [[String]]) {
            self.created = created
            self.updated = updated
            self.unchanged = unchanged
            self.rejected = rejected
            self.isApplicable = isApplicable
            self.fileErrors = fileErrors
            self.issues = issues
            self.issueCount = issueCount
            self.ignoredColumns = ignoredColumns
            self.newCategories = newCategories
            self.grownValues = grownValues
        }
    }

    /// The upload's id (in the form actions) and file name (untrusted).
    public var id, filename: String
    /// The first lines of the file (header first), cells untrusted.
    public var preview: [[String]]
    /// The columns, in order.
    public var columns: [Column]
    /// The categories a column may fill.
    public var categories: [Category]
    /// The dry run of the current choices, once asked.
    public var report: Report?
    /// An error about the choices themselves (a sentence), if any.
    public var problem: String?
    /// The welcome-email choice checked at first: the tenant's setting (`sendsWelcomeEmail`).
    public var sendsWelcomeByDefault = false

    /// Creates the page.
    public init(id: String, filename: String, preview: [[String]], columns: [Column], categories: [Category],
                report: Report?, problem: String? = nil) {
        self.id = id
        self.filename = filename
        self.preview = preview
        self.columns = columns
        self.categories = categories
        self.report = report
        self.problem = problem
    }

    /// The form field carrying column `position`'s choice.
    public static func field(ofColumn position: Int) -> String { "column\(position)" }
}

extension ConsoleImportPlanPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.importTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        var children: [HTMLNode] = [
            .el(.p, [.class("lede")], [.text(t(.importFileIs) + " "), .el(.strong, [], [.isolated(filename)])]),
        ]
        if let problem { children.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(problem)])])) }
        if let header = preview.first {
            children.append(kit.section(t(.importPreviewHeading), [
                kit.table(headers: header, rows: preview.dropFirst().map { row in row.map { HTMLNode.isolated($0) } }),
            ]))
        }
        children.append(kit.section(t(.importMappingHeading), [
            .el(.p, [.class("hint")], text: t(.importMappingHint)),
            kit.postForm(ConsolePaths.importPlan(id), [
                .el(.div, [.class("mapping")], columns.map { mappingField($0, kit) }),
                kit.forms.button(t(.importCheckSubmit), style: report == nil ? "button" : "button button-secondary"),
            ]),
        ]))
        if let report { children += reportNodes(report, kit) }
        return children
    }

    private func mappingField(_ column: Column, _ kit: ConsoleKit) -> HTMLNode {
        let t = kit.t, id = Self.field(ofColumn: column.position)
        let label = "\(column.position). \(column.header.isEmpty ? t(.importUnnamedColumn) : column.header)"
        if let mandatory = column.mandatory {
            return .el(.div, [.class("field")], [
                .el(.span, [.class("label")], [.isolated(label)]),
                .el(.span, [.class("hint")], text: t(.importMandatoryColumn, ["field": mandatory])),
            ])
        }
        var options: [(value: String, label: String)] = [
            ("ignore", t(.importChoiceIgnore)),
            ("new", t(.importChoiceNewSingle)), ("new-multi", t(.importChoiceNewMulti)), ("new-text", t(.importChoiceNewText)),
        ]
        options += categories.map { (value: "category:" + $0.key, label: t(.importChoiceExisting, ["category": $0.label])) }
        return kit.forms.select(id: id, name: id, label: label, options: options, selected: column.choice)
    }

    private func reportNodes(_ report: Report, _ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        let figures: [(Int, ConsoleMessageKey)] = [(report.created, .importNew), (report.updated, .importUpdated),
                                                    (report.unchanged, .importUnchanged), (report.rejected, .importRejected)]
        var nodes: [HTMLNode] = [
            .el(.ul, [.class("figures")], figures.map { count, key in
                .el(.li, [], [.el(.span, [.class("figure")], text: String(count)), .el(.span, [.class("label")], text: t(key))])
            }),
        ]
        if !report.fileErrors.isEmpty {
            nodes.append(.el(.div, [.class("error-summary"), .role("alert")], [
                .el(.h2, text: t(.importFileErrors)),
                .el(.ul, [], report.fileErrors.map { .el(.li, [], [.isolated($0)]) }),
            ]))
        }
        if !report.issues.isEmpty {
            nodes.append(.el(.p, text: report.issueCount > report.issues.count
                ? t(.importIssuesCount, ["count": String(report.issueCount), "shown": String(report.issues.count)])
                : t(.importIssuesAll, ["count": String(report.issueCount)])))
            nodes.append(kit.table(headers: [t(.importLineColumn), t(.emailColumn), t(.importProblemColumn)], rows: report.issues.map { issue in
                [.text(String(issue.line)), .isolated(issue.email),
                 .el(.ul, [.class("plain")], issue.errors.map { .el(.li, [.class("field-error")], [.isolated($0)]) }
                     + issue.warnings.map { .el(.li, [], [.isolated($0)]) })]
            }))
        }
        if !report.newCategories.isEmpty {
            nodes.append(.el(.h3, text: t(.importNewCategories)))
            nodes.append(kit.table(headers: [t(.categoryColumn), t(.kindColumn), t(.valuesColumn)], rows: report.newCategories.map { item in
                [.isolated(item.first ?? ""), .text(ConsoleCategoriesPage.kindLabel(item.count > 1 ? item[1] : "", t)), .isolated(item.dropFirst(2).joined(separator: ", "))]
            }))
        }
        if !report.grownValues.isEmpty {
            nodes.append(.el(.h3, text: t(.importNewValues)))
            nodes.append(kit.table(headers: [t(.categoryColumn), t(.valuesColumn)], rows: report.grownValues.map { item in
                [.isolated(item.first ?? ""), .isolated(item.dropFirst().joined(separator: ", "))]
            }))
        }
        if !report.ignoredColumns.isEmpty {
            nodes.append(.el(.h3, text: t(.importIgnoredColumns)))
            nodes.append(kit.table(headers: [t(.importColumnColumn), t(.importReasonColumn)], rows: report.ignoredColumns.map { item in
                [.isolated(item.first ?? ""), .isolated(item.count > 1 ? item[1] : "")]
            }))
        }
        let applyNode: HTMLNode = report.isApplicable
            ? kit.postForm(ConsolePaths.importApply(id), [
                kit.forms.choices(id: "welcome", name: ConsoleField.welcome, legend: t(.welcomeLabel), type: "radio",
                                  options: [("no", t(.welcomeNo)), ("yes", t(.welcomeYes))],
                                  checked: [sendsWelcomeByDefault ? "yes" : "no"]),
                kit.forms.button(t(.importApplySubmit, ["count": String(report.created + report.updated)])),
            ])
            : .el(.p, [.class("field-error")], text: t(.importNotApplicable))
        return [.el(.div, [.id("report")], [kit.section(t(.importReportHeading), nodes + [applyNode])])]
    }
}
