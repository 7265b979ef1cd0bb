/// A node of an HTML tree: an element, a text node, or a fragment of several nodes.
///
/// There is no "raw HTML" node: every string reaches the output through
/// ``HTMLEscaping``, so a handler cannot concatenate untrusted text into markup.
public indirect enum HTMLNode: Sendable, Hashable {
    /// An element with attributes and children (children of a void element are ignored).
    case element(HTMLTag, [HTMLAttribute], [HTMLNode])
    /// Text, escaped when rendered.
    case text(String)
    /// Several nodes in a row, without a wrapper.
    case fragment([HTMLNode])

    /// Nothing.
    public static let empty = HTMLNode.fragment([])

    /// An element; the shorthand the page renderers use.
    public static func el(_ tag: HTMLTag, _ attributes: [HTMLAttribute] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(tag, attributes, children)
    }

    /// An element holding one text node.
    public static func el(_ tag: HTMLTag, _ attributes: [HTMLAttribute] = [], text: String) -> HTMLNode {
        .element(tag, attributes, [.text(text)])
    }

    /// Untrusted text that may be written right to left (a name, a category value):
    /// isolated in `<bdi>` so that it cannot reorder the text around it.
    public static func isolated(_ text: String) -> HTMLNode {
        .element(.bdi, [], [.text(text)])
    }

    /// The serialised HTML of this node.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    /// Appends the serialised HTML of this node to `out`.
    public func render(into out: inout String) {
        switch self {
        case .text(let text):
            out += HTMLEscaping.text(text)
        case .fragment(let nodes):
            for node in nodes { node.render(into: &out) }
        case .element(let tag, let attributes, let children):
            out += "<" + tag.name
            for attribute in attributes {
                out += " " + attribute.name
                if let value = attribute.value {
                    out += "=\"" + HTMLEscaping.attributeValue(value) + "\""
                }
            }
            out += ">"
            guard !tag.isVoid else { return }
            for child in children { child.render(into: &out) }
            out += "</" + tag.name + ">"
        }
    }
}
