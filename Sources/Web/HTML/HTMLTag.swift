/// The name of an HTML element.
///
/// Names come from the static members below (or from a literal checked against
/// `[a-z][a-z0-9-]*`), never from request data, so a tag name cannot carry markup.
/// `isVoid` marks the void elements of the HTML Living Standard (§13.1.2): they are
/// rendered without an end tag and never with children.
public struct HTMLTag: Sendable, Hashable {
    /// The lowercase element name.
    public let name: String

    /// Whether the element is a void element (`<input>`, `<br>`, …).
    public var isVoid: Bool { Self.voidNames.contains(name) }

    /// A tag with a lowercase ASCII name; nil for anything else.
    public init?(_ name: String) {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { return nil }
        self.name = name
    }

    private init(known name: String) { self.name = name }

    private static let voidNames: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The `<html>`, `<head>`, `<body>` elements.
    public static let html = HTMLTag(known: "html"), head = HTMLTag(known: "head"), body = HTMLTag(known: "body")
    /// The `<title>`, `<meta>`, `<link>` elements.
    public static let title = HTMLTag(known: "title"), meta = HTMLTag(known: "meta"), link = HTMLTag(known: "link")
    /// The `<script>` element.
    public static let script = HTMLTag(known: "script")
    /// The `<header>`, `<nav>`, `<main>` elements.
    public static let header = HTMLTag(known: "header"), nav = HTMLTag(known: "nav"), main = HTMLTag(known: "main")
    /// The `<footer>`, `<section>` elements.
    public static let footer = HTMLTag(known: "footer"), section = HTMLTag(known: "section")
    /// The `<article>`, `<div>`, `<span>` elements.
    public static let article = HTMLTag(known: "article"), div = HTMLTag(known: "div"), span = HTMLTag(known: "span")
    /// The `<h1>`, `<h2>`, `<h3>` elements.
    public static let h1 = HTMLTag(known: "h1"), h2 = HTMLTag(known: "h2"), h3 = HTMLTag(known: "h3")
    /// The `<p>`, `<a>`, `<strong>` elements.
    public static let p = HTMLTag(known: "p"), a = HTMLTag(known: "a"), strong = HTMLTag(known: "strong")
    /// The `<em>`, `<small>`, `<bdi>` elements.
    public static let em = HTMLTag(known: "em"), small = HTMLTag(known: "small"), bdi = HTMLTag(known: "bdi")
    /// The `<ul>`, `<ol>`, `<li>` elements.
    public static let ul = HTMLTag(known: "ul"), ol = HTMLTag(known: "ol"), li = HTMLTag(known: "li")
    /// The `<dl>`, `<dt>`, `<dd>` elements.
    public static let dl = HTMLTag(known: "dl"), dt = HTMLTag(known: "dt"), dd = HTMLTag(known: "dd")
    /// The `<form>`, `<label>`, `<input>` elements.
    public static let form = HTMLTag(known: "form"), label = HTMLTag(known: "label"), input = HTMLTag(known: "input")
    /// The `<button>`, `<select>` elements.
    public static let button = HTMLTag(known: "button"), select = HTMLTag(known: "select")
    /// The `<option>`, `<textarea>` elements.
    public static let option = HTMLTag(known: "option"), textarea = HTMLTag(known: "textarea")
    /// The `<fieldset>`, `<legend>` elements.
    public static let fieldset = HTMLTag(known: "fieldset"), legend = HTMLTag(known: "legend")
    /// The `<table>`, `<thead>`, `<tbody>` elements.
    public static let table = HTMLTag(known: "table"), thead = HTMLTag(known: "thead"), tbody = HTMLTag(known: "tbody")
    /// The `<tr>`, `<th>`, `<td>` elements.
    public static let tr = HTMLTag(known: "tr"), th = HTMLTag(known: "th"), td = HTMLTag(known: "td")
    /// The `<br>`, `<hr>`, `<time>` elements.
    public static let br = HTMLTag(known: "br"), hr = HTMLTag(known: "hr"), time = HTMLTag(known: "time")
    /// The `<details>`, `<summary>` elements.
    public static let details = HTMLTag(known: "details"), summary = HTMLTag(known: "summary")
    /// The `<svg>` element.
    public static let svg = HTMLTag(known: "svg")
    /// The `<code>` element (the console's SCIM URL and new token).
    public static let code = HTMLTag(known: "code")

    // MARK: SVG (the console's server-rendered charts, issue 13 statistics)

    /// The SVG `<rect>`, `<line>`, `<g>` elements.
    public static let rect = HTMLTag(known: "rect"), line = HTMLTag(known: "line"), g = HTMLTag(known: "g")
    /// The SVG `<desc>` element (an SVG's `<title>` is ``title``); `<text>` is ``svgText``.
    public static let desc = HTMLTag(known: "desc"), svgText = HTMLTag(known: "text")
    /// The `<caption>` element of a table, and `<figure>`.
    public static let caption = HTMLTag(known: "caption"), figure = HTMLTag(known: "figure")
}
