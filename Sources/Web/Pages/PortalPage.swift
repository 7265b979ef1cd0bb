/// A page of the portal: a view model that renders, inside the shared layout
/// (``PortalLayout``), to a complete document in the context's language.
public protocol PortalPage: Sendable {
    /// The whole document: layout, this page's content, and the context's notice.
    func document(in context: PageContext) -> HTMLDocument
}

/// What a page supplies to the layout.
protocol PortalPageContent: PortalPage {
    /// The page's title (the `<h1>` and the start of `<title>`).
    func title(_ kit: PageKit) -> String
    /// The content of `<main>`.
    func content(_ kit: PageKit) -> [HTMLNode]
    /// Whether the page is a single narrow card (sign-in, errors) rather than full width.
    var isNarrow: Bool { get }
}

extension PortalPageContent {
    /// The page inside the shared layout (``PortalLayout``).
    public func document(in context: PageContext) -> HTMLDocument {
        PortalLayout.document(for: self, in: context)
    }
}
