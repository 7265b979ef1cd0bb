extension ProfilePage: PortalPageContent {
    var isNarrow: Bool { false }

    func title(_ kit: PageKit) -> String { kit.t(.navProfile) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        let problem = kit.nameProblem(givenName: givenName, isNameMissing: isNameMissing)
        var zones = timeZoneChoices
        if let timeZone, !zones.contains(timeZone) { zones.insert(timeZone, at: 0) }
        return [
            .el(.h1, text: title(kit)),
            .el(.p, [.class("lede")], text: t(.profileIntro)),
            kit.errorSummary(problem.map { [$0] } ?? []),
            kit.postForm(kit.paths.profile, [
                .el(.section, [.class("card"), .aria("labelledby", "about-you")], [
                    .el(.h2, [.id("about-you")], text: t(.aboutYouHeading)),
                ] + (managedBy.map { owner in
                    // Provisioned by the identity provider: shown, not offered as fields the save would ignore.
                    [
                        Self.readOnly(id: "givenName", label: t(.givenNameLabel), value: givenName, owner: owner, kit),
                        Self.readOnly(id: "familyName", label: t(.familyNameLabel), value: familyName, owner: owner, kit),
                        Self.readOnly(id: "language", label: t(.languageLabel), value: language.autonym, owner: owner, kit),
                        Self.readOnly(id: "timeZone", label: t(.timeZoneLabel), value: timeZone?.replacingUnderscores(), owner: owner, kit),
                    ]
                } ?? [
                    kit.nameFields(givenName: givenName, familyName: familyName, problem: problem),
                    kit.select(id: "language", name: PortalField.language, label: t(.languageLabel),
                               options: Language.allCases.map { ($0.tag, $0.autonym) }, selected: language.tag),
                    kit.select(id: "timeZone", name: PortalField.timeZone, label: t(.timeZoneLabel),
                               options: zones.map { ($0, $0.replacingUnderscores()) }, selected: timeZone,
                               placeholder: timeZone == nil ? t(.chooseOption) : nil),
                ])),
                categories.isEmpty ? .empty : .el(.section, [.class("card"), .aria("labelledby", "categories")], [
                    .el(.h2, [.id("categories")], text: t(.categoriesHeading)),
                    .el(.p, [.class("muted")], text: t(.categoriesIntro)),
                    .fragment(categories.enumerated().map { index, field in Self.render(field, index: index, kit) }),
                ]),
                .el(.div, [.class("actions")], [kit.button(t(.save))]),
            ]),
        ]
    }

    /// A value the member sees but does not edit, with who manages it.
    private static func readOnly(id: String, label: String, value: String?, owner: String, _ kit: PageKit) -> HTMLNode {
        .el(.div, [.class("field")], [
            .el(.span, [.class("label"), .id(id)], text: label),
            .el(.div, [.class("readonly-value"), .aria("labelledby", id)], [
                value.map { .isolated($0) } ?? .el(.span, [.class("muted")], text: kit.t(.notSet)),
                .el(.span, [.class("owner")], text: kit.t(.ownedBy, ["owner": owner])),
            ]),
        ])
    }

    private static func render(_ field: ProfileCategoryField, index: Int, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        let id = "category-\(index)"
        guard field.isEditable else {
            let values = field.currentValues
            return .el(.div, [.class("field")], [
                .el(.span, [.class("label"), .id(id)], [.isolated(field.label)]),
                .el(.div, [.class("readonly-value"), .aria("labelledby", id)], [
                    values.isEmpty ? .el(.span, [.class("muted")], text: t(.notSet)) : .isolated(values.joined(separator: ", ")),
                    .el(.span, [.class("owner")], text: t(.ownedBy, ["owner": field.owner ?? ""])),
                ]),
            ])
        }
        let name = PortalField.category(field.key)
        let present = kit.hidden(PortalField.categoryPresent, field.key)
        switch field.kind {
        case .singleSelect(let options, let selected):
            var choices = options
            if let selected, !choices.contains(selected) { choices.insert(selected, at: 0) }
            return .fragment([present, kit.select(id: id, name: name, label: field.label, options: choices.map { ($0, $0) },
                                                  selected: selected, placeholder: t(.chooseOption))])
        case .multiSelect(let options, let selected):
            let all = options + selected.filter { !options.contains($0) }
            return .fragment([present, kit.choices(id: id, name: name, legend: field.label, type: "checkbox",
                                                   options: all.map { ($0, $0) }, checked: Set(selected), hint: t(.multiSelectHint))])
        case .text(let value):
            return .fragment([present, kit.textField(id: id, name: name, label: field.label, value: value, extra: [.maxlength(200)])])
        }
    }
}

extension String {
    /// `America/New_York` → `America/New York`, for a time zone's label.
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
