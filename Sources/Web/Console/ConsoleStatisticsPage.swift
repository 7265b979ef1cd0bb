/// A program's statistics over its last N matched sessions (issue 13, item 8): the
/// totals, one server-rendered SVG chart per measure (participation or opt-in, meeting
/// rate and rating from the portal's feedback, repeat rate, each rule's satisfaction),
/// the same figures as a table, and the matrix of connections across the values of a
/// category (which departments met which).
public struct ConsoleStatisticsPage: Sendable, Hashable {
    /// One counted session's figures (rates between 0 and 1, rating between 1 and 5;
    /// `nil`: nothing to measure).
    public struct SessionColumn: Sendable, Hashable {
        /// The session's id and its matching date (formatted).
        public var id, label: String
        /// Participants over audience; "yes" over decided answers; mean rating; repeated pairs over pairs.
        public var participation, meetingRate, rating, repeatRate: Double?
        /// Per rule of ``ConsoleStatisticsPage/rules``, its satisfaction in this session.
        public var ruleRates: [Double?]

        /// Creates a column.
        public init(id: String, label: String, participation: Double?, meetingRate: Double?, rating: Double?,
                    repeatRate: Double?, ruleRates: [Double?]) {
            self.id = id
            self.label = label
            self.participation = participation
            self.meetingRate = meetingRate
            self.rating = rating
            self.repeatRate = repeatRate
            self.ruleRates = ruleRates
        }
    }

    /// The matrix of connections across one category's values.
    public struct Matrix: Sendable, Hashable {
        /// The category's key (the form's selection) and label.
        public var category, categoryLabel: String
        /// The values, in order (`nil`: no value).
        public var values: [String?]
        /// `cells[i][j]`: connections between `values[i]` and `values[j]`.
        public var cells: [[Int]]
        /// Pairs counted, and the share of connections across two different values.
        public var pairs: Int
        /// Connections between different values over all connections.
        public var acrossRate: Double?
        /// When the category has too many values to draw (``values`` and ``cells`` are then
        /// empty), else `nil`.
        public var tooManyValues: TooManyValues?

        /// A category's values, more than the most a matrix is drawn for.
        public struct TooManyValues: Sendable, Hashable {
            /// The values the category has among the sessions' members.
            public var count: Int
            /// The most values a matrix is drawn for.
            public var limit: Int

            /// Creates a value.
            public init(count: Int, limit: Int) {
                self.count = count
                self.limit = limit
            }
        }

        /// Creates a matrix.
        public init(category: String, categoryLabel: String, values: [String?], cells: [[Int]], pairs: Int, acrossRate: Double?,
                    tooManyValues: TooManyValues? = nil) {
            self.tooManyValues = tooManyValues
            self.category = category
            self.categoryLabel = categoryLabel
            self.values = values
            self.cells = cells
            self.pairs = pairs
            self.acrossRate = acrossRate
        }

        /// The largest cell (for the heat map's shades).
        var largest: Int { cells.joined().max() ?? 0 }
    }

    /// The program's id and name (untrusted).
    public var programID, programName: String
    /// How many sessions were asked for.
    public var last: Int
    /// Whether the program is opt-in (its participation is an opt-in rate).
    public var isOptIn: Bool
    /// The rules' labels (untrusted: category names), in the most recent session's order.
    public var rules: [String]
    /// The sessions, oldest first.
    public var sessions: [SessionColumn]
    /// The pooled figures over all the sessions: participation, meeting rate, rating, repeat rate.
    public var total: SessionColumn
    /// The categories offered for the matrix (key, label).
    public var categories: [CategoryChoice]
    /// The matrix of the chosen category, if one was chosen and exists.
    public var matrix: Matrix?

    /// A category offered for the matrix: its key and label.
    public typealias CategoryChoice = ConsoleChoice

    /// Creates the page.
    public init(programID: String, programName: String, last: Int, isOptIn: Bool, rules: [String], sessions: [SessionColumn],
                total: SessionColumn, categories: [CategoryChoice], matrix: Matrix?) {
        self.programID = programID
        self.programName = programName
        self.last = last
        self.isOptIn = isOptIn
        self.rules = rules
        self.sessions = sessions
        self.total = total
        self.categories = categories
        self.matrix = matrix
    }

    /// The session counts the page offers.
    public static let lastChoices = [5, 10, 20, 52]
}

extension ConsoleStatisticsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.statisticsTitle) + " · " + programName }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let percent = ConsoleStatisticsPage.percentFormat(kit.context.language)
        let rating: @Sendable (Double) -> String = { value in ConsoleBarChart.number(value) }
        let measures = measures(t)
        let charts: [ConsoleBarChart] = measures.enumerated().map { index, measure in
            ConsoleBarChart(id: "chart-\(index)", title: measure.title, summary: measure.summary,
                            bars: sessions.map { .init(label: $0.label, value: measure.value($0)) },
                            maximum: measure.isRating ? 5 : 1, format: measure.isRating ? rating : percent)
        }
        return [
            .el(.p, [.class("lede")], [
                .text(t(.statisticsIntro) + " "),
                .el(.a, [.href(ConsolePaths.program(programID))], [.isolated(programName)]),
            ]),
            .el(.form, [.method("get"), .action(ConsolePaths.programStatistics(programID)), .class("toolbar")], [
                forms.select(id: "last", name: ConsoleField.last, label: t(.lastSessionsLabel),
                             options: Self.lastChoices.map { (value: String($0), label: String($0)) }, selected: String(last),
                             placeholder: nil),
                matrix.map { forms.hidden(ConsoleField.category, $0.category) } ?? .empty,
                forms.button(t(.showSubmit), style: "button button-secondary"),
            ]),
            kit.section(t(.totalsHeading), [
                .el(.p, [.class("muted")], text: t(.sessionsCounted, ["count": String(sessions.count)])),
                .el(.ul, [.class("figures")], measures.map { measure in
                    .el(.li, [], [
                        .el(.span, [.class("figure")], text: measure.value(total).map(measure.isRating ? rating : percent) ?? "–"),
                        .el(.span, [.class("label")], [.isolated(measure.title)]),
                    ])
                }),
            ]),
            sessions.isEmpty ? kit.section(t(.chartsHeading), [.el(.p, [.class("muted")], text: t(.noStatistics))])
                : .el(.div, [.id("charts")], [kit.section(t(.chartsHeading), [
                    .el(.div, [.class("charts")], charts.map { $0.node(noData: t(.noData)) }),
                    kit.table(headers: [t(.sessionColumn)] + measures.map(\.title),
                              rows: sessions.map { column in
                                  [.el(.a, [.href(ConsolePaths.session(column.id))], text: column.label)]
                                      + measures.map { measure in .text(measure.value(column).map(measure.isRating ? rating : percent) ?? "–") }
                              }),
                ])]),
            .el(.div, [.id("connections")], [connections(kit)]),
        ]
    }

    /// One measure: its title, what it says, and its value in a column.
    private struct Measure {
        var title, summary: String
        var isRating: Bool
        var value: (SessionColumn) -> Double?
    }

    private func measures(_ t: ConsoleLocalizer) -> [Measure] {
        [
            Measure(title: isOptIn ? t(.optInChart) : t(.participationChart),
                    summary: isOptIn ? t(.optInSummary) : t(.participationSummary), isRating: false) { $0.participation },
            Measure(title: t(.meetingChart), summary: t(.meetingSummary), isRating: false) { $0.meetingRate },
            Measure(title: t(.ratingChart), summary: t(.ratingSummary), isRating: true) { $0.rating },
            Measure(title: t(.repeatChart), summary: t(.repeatSummary), isRating: false) { $0.repeatRate },
        ] + rules.enumerated().map { index, rule in
            Measure(title: t(.ruleChart, ["rule": rule]), summary: t(.ruleSummary), isRating: false) { column in
                index < column.ruleRates.count ? column.ruleRates[index] : nil
            }
        }
    }

    private func connections(_ kit: ConsoleKit) -> HTMLNode {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [
            .el(.p, [.class("muted")], text: t(.connectionsIntro)),
            .el(.form, [.method("get"), .action(ConsolePaths.programStatistics(programID)), .class("toolbar")], [
                forms.hidden(ConsoleField.last, String(last)),
                forms.select(id: "category", name: ConsoleField.category, label: t(.categoryLabel),
                             options: categories.map { (value: $0.value, label: $0.label) }, selected: matrix?.category,
                             placeholder: nil),
                forms.button(t(.showSubmit), style: "button button-secondary"),
            ]),
        ]
        guard let matrix else { return kit.section(t(.connectionsHeading), children) }
        if let overflow = matrix.tooManyValues {
            children.append(.el(.p, [.class("muted")], text: t(.tooManyValuesToDraw, ["count": String(overflow.count),
                                                                                     "limit": String(overflow.limit)])))
            return kit.section(t(.connectionsHeading), children)
        }
        guard !matrix.values.isEmpty else {
            children.append(.el(.p, [.class("muted")], text: t(.noConnections)))
            return kit.section(t(.connectionsHeading), children)
        }
        let percent = ConsoleStatisticsPage.percentFormat(kit.context.language)
        let name: (String?) -> HTMLNode = { value in value.map { .isolated($0) } ?? .el(.em, text: t(.noValue)) }
        children.append(.el(.p, [], text: t(.connectionsSummary, ["pairs": String(matrix.pairs),
                                                                  "rate": matrix.acrossRate.map(percent) ?? "–"])))
        children.append(.el(.div, [.class("table-wrap")], [
            .el(.table, [.class("data matrix")], [
                .el(.caption, [], text: t(.connectionsCaption, ["category": matrix.categoryLabel])),
                .el(.thead, [], [.el(.tr, [], [.el(.td, [], [])] + matrix.values.map { .el(.th, [.scope("col")], [name($0)]) })]),
                .el(.tbody, [], matrix.values.indices.map { row in
                    .el(.tr, [], [.el(.th, [.scope("row")], [name(matrix.values[row])])] + matrix.values.indices.map { column in
                        let count = matrix.cells[row][column]
                        return .el(.td, [.class("heat-\(Self.shade(count, of: matrix.largest))" + (row == column ? " diagonal" : ""))],
                                   text: String(count))
                    })
                }),
            ]),
        ]))
        return kit.section(t(.connectionsHeading), children)
    }

    /// A cell's shade from 0 (none) to 4 (the largest).
    static func shade(_ count: Int, of largest: Int) -> Int {
        guard count > 0, largest > 0 else { return 0 }
        return max(1, min(4, Int((Double(count) / Double(largest) * 4).rounded(.up))))
    }

    /// Rates as whole percentages ("62%"; French "62 %").
    static func percentFormat(_ language: Language) -> @Sendable (Double) -> String {
        let separator = language == .french ? "\u{202F}%" : "%"
        return { value in String(Int((value * 100).rounded())) + separator }
    }
}
