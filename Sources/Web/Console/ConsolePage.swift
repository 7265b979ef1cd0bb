/// A page of the admin console: a view model that renders, inside the console's layout
/// (``ConsoleLayout``), to a complete document in the context's language.
public protocol ConsolePage: Sendable {
    /// The whole document: layout, this page's content, and the context's notice.
    func document(in context: ConsoleContext) -> HTMLDocument
}

/// What a console page supplies to the layout.
protocol ConsolePageContent: ConsolePage {
    /// The page's title (the `<h1>` and the start of `<title>`).
    func title(_ kit: ConsoleKit) -> String
    /// The content of `<main>` after the `<h1>`.
    func content(_ kit: ConsoleKit) -> [HTMLNode]
    /// Whether the page is a single narrow card (sign-in, errors) rather than full width.
    var isNarrow: Bool { get }
    /// Extra nodes of `<head>` (the import's progress page reloads itself).
    var head: [HTMLNode] { get }
}

extension ConsolePageContent {
    /// The page inside the console's layout.
    public func document(in context: ConsoleContext) -> HTMLDocument {
        ConsoleLayout.document(for: self, in: context)
    }

    var isNarrow: Bool { false }

    var head: [HTMLNode] { [] }
}
