import Foundation

/// A light scan of rendered HTML for the tests: since the builder escapes every `<` in
/// text and every `"` in attribute values, each `<` starts a real tag and each attribute
/// value ends at the next `"`.
struct RenderedHTML {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var isClosing: Bool
    }

    let source: String
    let tags: [Tag]

    init(_ source: String) {
        self.source = source
        var tags: [Tag] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest[rest.index(after: open)...]
            guard let close = afterOpen.firstIndex(of: ">") else { break }
            let inside = afterOpen[..<close]
            rest = afterOpen[afterOpen.index(after: close)...]
            if inside.hasPrefix("!") { continue }
            let isClosing = inside.hasPrefix("/")
            let body = isClosing ? inside.dropFirst() : inside
            let name = String(body.prefix(while: { !$0.isWhitespace }))
            var attributes: [String: String] = [:]
            var cursor = body.dropFirst(name.count)
            while let start = cursor.firstIndex(where: { !$0.isWhitespace }) {
                cursor = cursor[start...]
                let attributeName = String(cursor.prefix(while: { $0 != "=" && !$0.isWhitespace }))
                cursor = cursor.dropFirst(attributeName.count)
                if cursor.hasPrefix("=\"") {
                    cursor = cursor.dropFirst(2)
                    let value = cursor.prefix(while: { $0 != "\"" })
                    attributes[attributeName] = String(value)
                    cursor = cursor.dropFirst(value.count + 1)
                } else {
                    attributes[attributeName] = ""
                }
                if attributeName.isEmpty { break }
            }
            tags.append(Tag(name: name, attributes: attributes, isClosing: isClosing))
        }
        self.tags = tags
    }

    /// The `<form>` tags with the tags inside each.
    var forms: [(form: Tag, inside: [Tag])] {
        var result: [(Tag, [Tag])] = []
        var current: (Tag, [Tag])?
        for tag in tags {
            if tag.name == "form" && !tag.isClosing { current = (tag, []) }
            else if tag.name == "form" && tag.isClosing, let open = current { result.append(open); current = nil }
            else if current != nil { current?.1.append(tag) }
        }
        return result
    }

    /// Decodes the character references the builder writes.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
