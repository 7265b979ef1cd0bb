/// What the console's renderers share: its localizer, and the portal's labelled form
/// controls (``PageKit``) with this session's CSRF token.
struct ConsoleKit {
    let context: ConsoleContext
    let t: ConsoleLocalizer
    /// The portal's form controls (labels, hints, errors, the CSRF field).
    let forms: PageKit

    init(_ context: ConsoleContext) {
        self.context = context
        self.t = ConsoleLocalizer(context.language)
        self.forms = PageKit(context.portalContext)
    }

    /// A POST form to `action` with the CSRF field first.
    func postForm(_ action: String, attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode {
        forms.postForm(action, attributes: attributes, children)
    }

    /// A card with a heading.
    func section(_ heading: String, _ children: [HTMLNode]) -> HTMLNode {
        .el(.section, [.class("card")], [.el(.h2, text: heading)] + children)
    }

    /// A table with a header row; every cell is a node (escaped by construction).
    func table(headers: [String], rows: [[HTMLNode]]) -> HTMLNode {
        .el(.div, [.class("table-wrap")], [
            .el(.table, [.class("data")], [
                .el(.thead, [], [.el(.tr, [], headers.map { .el(.th, [.scope("col")], text: $0) })]),
                // Each cell names its column: on a phone the rows stack, a label before each value.
                .el(.tbody, [], rows.map { cells in
                    .el(.tr, [], cells.enumerated().map { index, cell -> HTMLNode in
                        let label: [HTMLAttribute] = index < headers.count ? [.data("label", headers[index])] : []
                        return .el(.td, label, [cell])
                    })
                }),
            ]),
        ])
    }
}
