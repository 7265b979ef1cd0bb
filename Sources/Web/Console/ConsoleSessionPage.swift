/// One session: its state and time, "Match now" while it is not matched, a preview of
/// its matching with a seed (nothing saved), and once matched its groups — each with the
/// rules it satisfied — and who was left without a group and why.
public struct ConsoleSessionPage: Sendable, Hashable {
    /// One group: the names of its members and the labels of the rules it satisfied.
    public struct Group: Sendable, Hashable {
        /// The members' names (untrusted).
        public var names: [String]
        /// The rules every applicable pair of the group satisfied (labels, untrusted).
        public var rules: [String]

        /// Creates a group.
        public init(names: [String], rules: [String]) {
            self.names = names
            self.rules = rules
        }
    }

    /// A matching shown on the page: the saved one, or a preview's.
    public struct Matching: Sendable, Hashable {
        /// The groups.
        public var groups: [Group]
        /// Those the engine left without a group: name and reason.
        public var unmatched: [ConsoleMemberPage.Fact]
        /// Those left out before the engine ran (a preview only): name and reasons.
        public var excluded: [ConsoleMemberPage.Fact]

        /// Creates a matching.
        public init(groups: [Group], unmatched: [ConsoleMemberPage.Fact], excluded: [ConsoleMemberPage.Fact] = []) {
            self.groups = groups
            self.unmatched = unmatched
            self.excluded = excluded
        }
    }

    /// The session's id, its program's id and name (untrusted), state and time.
    public var id, programID, programName, state, matchAt: String
    /// Whether it can be matched (and previewed) now.
    public var canMatch: Bool
    /// The saved matching, once matched.
    public var matching: Matching?
    /// A preview's matching and the seed it used, after a preview.
    public var preview: (seed: String, matching: Matching)?
    /// The seed field's value.
    public var seed: String

    /// Creates the page.
    public init(id: String, programID: String, programName: String, state: String, matchAt: String, canMatch: Bool,
                matching: Matching?, preview: (seed: String, matching: Matching)? = nil, seed: String = "") {
        self.id = id
        self.programID = programID
        self.programName = programName
        self.state = state
        self.matchAt = matchAt
        self.canMatch = canMatch
        self.matching = matching
        self.preview = preview
        self.seed = seed
    }

    public static func == (a: Self, b: Self) -> Bool {
        (a.id, a.state, a.matching, a.preview?.seed, a.preview?.matching, a.seed)
            == (b.id, b.state, b.matching, b.preview?.seed, b.preview?.matching, b.seed)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(matching)
        hasher.combine(preview?.seed)
    }
}

extension ConsoleSessionPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.sessionTitle) + " · " + programName }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var nodes: [HTMLNode] = [
            kit.section(t(.sessionTitle), [
                .el(.dl, [.class("facts")], [
                    .el(.dt, text: t(.programColumn)),
                    .el(.dd, [], [.el(.a, [.href(ConsolePaths.program(programID))], [.isolated(programName)])]),
                    .el(.dt, text: t(.stateLabel)), .el(.dd, text: state),
                    .el(.dt, text: t(.matchAtLabel)), .el(.dd, text: matchAt),
                ]),
                canMatch ? kit.postForm(ConsolePaths.sessionMatch(id), [forms.button(t(.runMatch))]) : .empty,
                .el(.p, [], [.el(.a, [.href(ConsolePaths.programStatistics(programID))], text: t(.viewStatistics))]),
            ]),
        ]
        if canMatch {
            nodes.append(kit.section(t(.previewHeading), [
                .el(.p, [.class("muted")], text: t(.previewIntro)),
                kit.postForm(ConsolePaths.sessionPreview(id), attributes: [.class("toolbar")], [
                    forms.textField(id: "seed", name: ConsoleField.seed, label: t(.seedLabel), value: seed, hint: t(.seedHint),
                                    extra: [.inputmode("numeric"), .maxlength(20)]),
                    forms.button(t(.previewSubmit), style: "button button-secondary"),
                ]),
            ]))
        }
        if let preview {
            nodes.append(.el(.div, [.class("notice notice-info"), .role("status"), .id("preview")], [
                .el(.p, text: t(.previewNotice, ["seed": preview.seed])),
            ]))
            nodes += Self.matching(preview.matching, heading: t(.previewTitle) + " · " + t(.groupsHeading), export: nil, kit)
        }
        if let matching {
            nodes += Self.matching(matching, heading: t(.groupsHeading), export: ConsolePaths.sessionExport(id), kit)
        } else if preview == nil {
            nodes.append(kit.section(t(.groupsHeading), [.el(.p, [.class("muted")], text: t(.noGroups))]))
        }
        return nodes
    }

    /// The groups of a matching, with a link to `export` them as CSV (a matched
    /// session's; a preview saved nothing to export).
    private static func matching(_ matching: Matching, heading: String, export: String?, _ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        return [
            kit.section(heading, matching.groups.isEmpty ? [.el(.p, [.class("muted")], text: t(.noGroups))] : [
                .el(.ol, [.class("groups")], matching.groups.enumerated().map { index, group in
                    .el(.li, [], [
                        .el(.h3, text: t(.groupLabel, ["number": String(index + 1)])),
                        .el(.ul, [], group.names.map { .el(.li, [], [.isolated($0)]) }),
                        .el(.p, [.class("group-rules")],
                            text: group.rules.isEmpty ? t(.rulesNoneSatisfied) : t(.rulesSatisfied, ["rules": group.rules.joined(separator: "; ")])),
                    ])
                }),
                // console-a: the groups as CSV
                export.map { .el(.p, [], [.el(.a, [.class("button button-secondary"), .href($0)], text: t(.exportCSV))]) } ?? .empty,
            ]),
            matching.unmatched.isEmpty ? .empty : kit.section(t(.unmatchedHeading), [
                .el(.p, [.class("muted")], text: t(.unmatchedCount, ["count": String(matching.unmatched.count)])),
                kit.table(headers: [t(.nameColumn), t(.reasonColumn)],
                          rows: matching.unmatched.map { [.isolated($0.label), .text($0.value)] }),
            ]),
            matching.excluded.isEmpty ? .empty : kit.section(t(.excludedHeading), [
                kit.table(headers: [t(.nameColumn), t(.reasonColumn)],
                          rows: matching.excluded.map { [.isolated($0.label), .text($0.value)] }),
            ]),
        ]
    }
}
