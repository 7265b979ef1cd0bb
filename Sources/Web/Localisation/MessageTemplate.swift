/// A message's text with its placeholders, as the portal's and the console's tables
/// write them: `{name}` for an argument, and ICU MessageFormat's plural selection for a
/// count, `{count, plural, one {# member} other {# members}}`, whose branch is chosen
/// by the language's ``PluralCategory`` (an exact `=0` branch first, if any) and where
/// `#` is the count. A branch may hold `{name}` placeholders of its own.
///
/// Arguments are inserted as they are, never read again as template text. An argument
/// left out keeps its placeholder as written, and so does a plural whose argument is
/// not a whole number; a template that does not parse is returned as it is (the tables'
/// tests rule that out).
struct MessageTemplate {
    /// One piece of a template.
    indirect enum Part: Equatable {
        case text(String)
        /// `{name}`.
        case argument(String)
        /// `#` inside a plural branch: the count.
        case count
        /// `{name, plural, …}`, with its branches by selector and its source text.
        case plural(name: String, branches: [Branch], source: String)
    }

    /// A plural branch: `one`, `other` or an exact `=N`, and its text.
    struct Branch: Equatable {
        let selector: String
        let parts: [Part]
    }

    /// The parsed pieces, or nil when the template does not parse.
    let parts: [Part]?
    private let source: String

    init(_ source: String) {
        self.source = source
        var parser = Parser(characters: Array(source))
        parts = parser.parseParts(inBranch: false, closedByBrace: false)
    }

    /// The text with its placeholders filled from `arguments`, plurals chosen by the
    /// rules of `language`.
    func filled(_ arguments: [String: String], language: Language) -> String {
        guard let parts else { return source }
        var out = ""
        Self.render(parts, arguments, language, count: nil, into: &out)
        return out
    }

    /// The names of every argument the template takes, plural counts and the
    /// placeholders inside branches included.
    var argumentNames: Set<String> {
        var names: Set<String> = []
        func collect(_ parts: [Part]) {
            for part in parts {
                switch part {
                case .argument(let name): names.insert(name)
                case .plural(let name, let branches, _):
                    names.insert(name)
                    branches.forEach { collect($0.parts) }
                case .text, .count: break
                }
            }
        }
        collect(parts ?? [])
        return names
    }

    private static func render(_ parts: [Part], _ arguments: [String: String], _ language: Language, count: String?,
                               into out: inout String) {
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .argument(let name): out += arguments[name] ?? "{\(name)}"
            case .count: out += count ?? "#"
            case .plural(let name, let branches, let source):
                guard let value = arguments[name], let number = Int(value),
                      let branch = branches.first(where: { $0.selector == "=\(number)" })
                        ?? branches.first(where: { $0.selector == PluralCategory(number, in: language).rawValue })
                        ?? branches.first(where: { $0.selector == PluralCategory.other.rawValue })
                else {
                    out += source
                    continue
                }
                render(branch.parts, arguments, language, count: value, into: &out)
            }
        }
    }

    /// A recursive-descent reader of the grammar above.
    private struct Parser {
        let characters: [Character]
        var position = 0

        /// Text and placeholders up to the end, or up to the `}` closing a branch.
        mutating func parseParts(inBranch: Bool, closedByBrace: Bool) -> [Part]? {
            var parts: [Part] = []
            var text = ""
            func flush() { if !text.isEmpty { parts.append(.text(text)); text = "" } }
            while position < characters.count {
                let character = characters[position]
                if character == "}" {
                    guard closedByBrace else { return nil }
                    flush()
                    return parts
                }
                if character == "#" && inBranch {
                    flush()
                    parts.append(.count)
                    position += 1
                } else if character == "{" {
                    flush()
                    guard let part = parsePlaceholder() else { return nil }
                    parts.append(part)
                } else {
                    text.append(character)
                    position += 1
                }
            }
            guard !closedByBrace else { return nil }
            flush()
            return parts
        }

        /// `{name}` or `{name, plural, selector {…} …}`, from its `{` to past its `}`.
        private mutating func parsePlaceholder() -> Part? {
            let start = position
            position += 1
            let name = readWord()
            guard !name.isEmpty else { return nil }
            skipSpaces()
            if peek == "}" {
                position += 1
                return .argument(name)
            }
            guard peek == "," else { return nil }
            position += 1
            skipSpaces()
            guard readWord() == "plural" else { return nil }
            skipSpaces()
            guard peek == "," else { return nil }
            position += 1
            var branches: [Branch] = []
            while true {
                skipSpaces()
                if peek == "}" { break }
                let selector = readWord()
                guard selector == "one" || selector == "other" || (selector.first == "=" && Int(selector.dropFirst()) != nil)
                else { return nil }
                skipSpaces()
                guard peek == "{" else { return nil }
                position += 1
                guard let parts = parseParts(inBranch: true, closedByBrace: true) else { return nil }
                position += 1  // the branch's "}"
                branches.append(Branch(selector: selector, parts: parts))
            }
            guard branches.contains(where: { $0.selector == "other" }) else { return nil }
            position += 1  // the placeholder's "}"
            return .plural(name: name, branches: branches, source: String(characters[start..<position]))
        }

        private var peek: Character? { position < characters.count ? characters[position] : nil }

        private mutating func skipSpaces() {
            while let character = peek, character == " " { position += 1 }
        }

        /// Letters, digits, `_` and a leading `=`.
        private mutating func readWord() -> String {
            var word = ""
            while let character = peek,
                  character.isLetter || character.isNumber || character == "_" || (character == "=" && word.isEmpty) {
                word.append(character)
                position += 1
            }
            return word
        }
    }
}
