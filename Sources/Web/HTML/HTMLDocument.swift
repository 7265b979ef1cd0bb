/// A complete HTML document: `<!doctype html>`, `<html lang>`, a head and a body.
///
/// The head always declares UTF-8 and a responsive viewport; callers add the title,
/// stylesheet and script. The language is a BCP 47 tag (``Language/tag``).
public struct HTMLDocument: Sendable, Hashable {
    /// The `lang` of the `<html>` element.
    public var language: String
    /// The text of `<title>`.
    public var title: String
    /// Extra nodes of `<head>` after the charset, viewport and title.
    public var head: [HTMLNode]
    /// The attributes of `<body>`.
    public var bodyAttributes: [HTMLAttribute]
    /// The children of `<body>`.
    public var body: [HTMLNode]

    /// Creates a document.
    public init(language: String, title: String, head: [HTMLNode] = [], bodyAttributes: [HTMLAttribute] = [], body: [HTMLNode]) {
        self.language = language
        self.title = title
        self.head = head
        self.bodyAttributes = bodyAttributes
        self.body = body
    }

    /// The serialised document.
    public func render() -> String {
        var out = "<!doctype html>\n"
        let tree = HTMLNode.el(.html, [.lang(language)], [
            .el(.head, [], [
                .el(.meta, [.charset("utf-8")]),
                .el(.meta, [.name("viewport"), .content("width=device-width, initial-scale=1")]),
                .el(.title, text: title),
                .fragment(head),
            ]),
            .el(.body, bodyAttributes, body),
        ])
        tree.render(into: &out)
        out += "\n"
        return out
    }

    /// The `Content-Type` of a rendered document.
    public static let contentType = "text/html; charset=utf-8"

    /// The serialised document as UTF-8 bytes, for a response body.
    public func renderedBytes() -> [UInt8] { Array(render().utf8) }
}
