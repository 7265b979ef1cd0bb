/// Attributes and elements the console needs that ``HTMLAttribute`` and ``HTMLTag`` do
/// not name (`enctype`, `accept`, `http-equiv`, `<progress>`): built through their
/// checked initialisers from literals, never from request data.
enum ConsoleMarkup {
    /// Attributes from literal names (a name that fails the check is dropped).
    static func attributes(_ pairs: [(String, String?)]) -> [HTMLAttribute] {
        pairs.compactMap { HTMLAttribute(name: $0.0, value: $0.1) }
    }

    /// `<progress value max>` with `label` as its fallback text.
    static func progress(value: Int, maximum: Int, label: String) -> HTMLNode {
        guard let tag = HTMLTag("progress") else { return .el(.p, text: label) }
        return .el(tag, attributes([("value", String(value)), ("max", String(max(maximum, 1)))])
                   + [.class("import-progress"), .aria("label", label)], text: label)
    }

    /// `<meta http-equiv="refresh" content="seconds">`: a page that reloads itself
    /// without script (the CSP forbids inline script).
    static func refresh(after seconds: Int) -> HTMLNode {
        .el(.meta, attributes([("http-equiv", "refresh"), ("content", String(seconds))]))
    }
}
