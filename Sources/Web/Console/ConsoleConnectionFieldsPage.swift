/// A connection's field choice (issue 14, "the admin lists the available fields, picks
/// those to import and names the category each becomes"): the fields the source offers,
/// each with a check box and the category name it becomes; or, when the source cannot be
/// read, why.
public struct ConsoleConnectionFieldsPage: Sendable, Hashable {
    /// One field the source offers.
    public struct Field: Sendable, Hashable {
        /// Its name in the source (`title`, `department`, `Xf0ABC`).
        public var name: String
        /// The label the source shows.
        public var label: String
        /// Whether it is imported.
        public var isSelected: Bool
        /// The category it becomes (a suggestion when not selected).
        public var category: String

        /// Creates a field.
        public init(name: String, label: String, isSelected: Bool, category: String) {
            self.name = name
            self.label = label
            self.isSelected = isSelected
            self.category = category
        }
    }

    /// The connection's id and name.
    public var connectionID: String, connectionName: String
    /// The source's fields, in its order; empty when it could not be read.
    public var fields: [Field]
    /// Why the source's fields could not be read (the connector's words, untrusted).
    public var unavailable: String?
    /// Why the last save was refused (the service's sentence, untrusted).
    public var problem: String?

    /// Creates the page.
    public init(connectionID: String, connectionName: String, fields: [Field], unavailable: String? = nil, problem: String? = nil) {
        self.connectionID = connectionID
        self.connectionName = connectionName
        self.fields = fields
        self.unavailable = unavailable
        self.problem = problem
    }
}

extension ConsoleConnectionFieldsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.fieldsHeading) + " — " + connectionName }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [
            .el(.p, [], [.el(.a, [.href(ConsolePaths.connection(connectionID))], [.text("← "), .isolated(connectionName)])]),
            problem.map { .el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated($0)])]) } ?? .empty,
        ]
        if let unavailable {
            children.append(.el(.div, [.class("error-summary"), .role("alert")], [
                .el(.p, [], [.text(t(.fieldsUnavailable) + " "), .isolated(unavailable)]),
            ]))
            return children
        }
        guard !fields.isEmpty else { return children + [.el(.p, [.class("muted")], text: t(.noSourceFields))] }
        let rows: [[HTMLNode]] = fields.enumerated().map { index, field in
            let box = "field-\(index)", name = "field-\(index)-category"
            return [
                .el(.label, [.class("choice"), .for(box)], [
                    .el(.input, [.type("checkbox"), .id(box), .name(ConsoleField.sourceField), .value(field.name)]
                        + (field.isSelected ? [.checked] : [])),
                    .isolated(field.label),
                ]),
                .el(.code, text: field.name),
                .el(.input, [.type("text"), .id(name), .name(ConsoleField.category(ofSourceField: field.name)), .value(field.category),
                             .maxlength(100), .dir("auto"), .aria("label", t(.categoryNameColumn) + ": " + field.label)]),
            ]
        }
        children.append(kit.section(t(.chooseFields), [
            .el(.p, [.class("hint")], text: t(.fieldsHint)),
            kit.postForm(ConsolePaths.connectionFields(connectionID), [
                kit.table(headers: [t(.importFieldColumn), t(.sourceFieldColumn), t(.categoryNameColumn)], rows: rows),
                forms.button(t(.saveFields)),
            ]),
        ]))
        return children
    }
}
