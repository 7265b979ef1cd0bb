/// A bar chart drawn on the server as inline SVG (no script, nothing fetched): one bar
/// per session, its value written above it, the session's date below. Accessible: the
/// SVG is an image whose name is its `<title>` and whose description (`<desc>`) reads
/// every value; the statistics page also has the same figures as a table. Colours come
/// from the console's stylesheet (classes), never from inline style (the CSP forbids it).
public struct ConsoleBarChart: Sendable, Hashable {
    /// One bar: its label (a date) and value (`nil`: no data, drawn as a dash).
    public struct Bar: Sendable, Hashable {
        /// The label under the bar, and the value.
        public var label: String
        /// The value, between 0 and the chart's maximum.
        public var value: Double?

        /// Creates a bar.
        public init(label: String, value: Double?) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's id (unique on the page: its title and description are named by it).
    public var id: String
    /// The title (also the heading above it) and a sentence saying what is measured.
    public var title, summary: String
    /// The bars, oldest first.
    public var bars: [Bar]
    /// The value of a full bar (1 for a rate, 5 for a rating).
    public var maximum: Double
    /// How a value is written ("62%", "4.2").
    public var format: @Sendable (Double) -> String

    /// Creates a chart.
    public init(id: String, title: String, summary: String, bars: [Bar], maximum: Double,
                format: @escaping @Sendable (Double) -> String) {
        self.id = id
        self.title = title
        self.summary = summary
        self.bars = bars
        self.maximum = maximum
        self.format = format
    }

    public static func == (a: Self, b: Self) -> Bool {
        (a.id, a.title, a.summary, a.bars, a.maximum) == (b.id, b.title, b.summary, b.bars, b.maximum)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(bars)
    }

    // Geometry of the view box (the SVG scales to its container's width).
    static let height = 180.0, top = 22.0, bottom = 30.0, barStep = 56.0, barWidth = 36.0, minimumWidth = 320.0

    /// The figure: a heading, the SVG, and the summary.
    func node(noData: String) -> HTMLNode {
        let width = max(Self.minimumWidth, Double(bars.count) * Self.barStep + 16)
        let plot = Self.height - Self.top - Self.bottom
        let described = bars.map { "\($0.label): \($0.value.map(format) ?? noData)" }.joined(separator: "; ")
        var shapes: [HTMLNode] = [
            .el(.title, [.id(id + "-title")], text: title),
            .el(.desc, [.id(id + "-desc")], text: summary + " " + described),
            .el(.line, [Self.attribute("x1", 0), Self.attribute("x2", width), Self.attribute("y1", Self.height - Self.bottom),
                        Self.attribute("y2", Self.height - Self.bottom), .class("chart-axis")]),
        ]
        for (index, bar) in bars.enumerated() {
            let x = 8 + Double(index) * Self.barStep + (Self.barStep - Self.barWidth) / 2
            let centre = x + Self.barWidth / 2
            let fraction = bar.value.map { min(max($0 / maximum, 0), 1) } ?? 0
            let barHeight = max(fraction * plot, bar.value == nil ? 0 : 1)
            let y = Self.height - Self.bottom - barHeight
            shapes.append(.el(.g, [], [
                .el(.rect, [Self.attribute("x", x), Self.attribute("y", y), Self.attribute("width", Self.barWidth),
                            Self.attribute("height", barHeight), .class("chart-bar")]),
                .el(.svgText, [Self.attribute("x", centre), Self.attribute("y", y - 6), Self.anchor, .class("chart-value")],
                    text: bar.value.map(format) ?? "–"),
                .el(.svgText, [Self.attribute("x", centre), Self.attribute("y", Self.height - Self.bottom + 18), Self.anchor,
                               .class("chart-label")], text: bar.label),
            ]))
        }
        return .el(.figure, [.class("chart")], [
            .el(.h3, [.id(id + "-heading")], text: title),
            .el(.svg, [
                HTMLAttribute(name: "viewbox", value: "0 0 \(Self.number(width)) \(Self.number(Self.height))") ?? .class("chart-svg"),
                .class("chart-svg"), .role("img"), .aria("labelledby", id + "-title"), .aria("describedby", id + "-desc"),
            ], shapes),
            .el(.p, [.class("muted chart-summary")], text: summary),
        ])
    }

    private static let anchor = HTMLAttribute(name: "text-anchor", value: "middle") ?? .class("chart-text")

    private static func attribute(_ name: String, _ value: Double) -> HTMLAttribute {
        HTMLAttribute(name: name, value: number(value)) ?? .class("chart-text")
    }

    /// `value` with at most one decimal, as SVG coordinates are written.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
