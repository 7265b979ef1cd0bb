import Foundation

/// The texts of one language, with their placeholders filled.
///
/// `localizer(.statusSnoozed, ["date": "3 March"])` replaces `{date}`. Arguments are
/// inserted as plain text: the result goes into a text node, which escapes it.
public struct Localizer: Sendable {
    /// The language.
    public let language: Language
    private let table: MessageTable

    /// The localizer of `language`.
    public init(_ language: Language) {
        self.language = language
        self.table = language.messages
    }

    /// The text of `key` with `{name}` placeholders replaced by `arguments[name]`. A
    /// missing key (which WebTests rules out) falls back to English, then to the key.
    public func callAsFunction(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String {
        Self.fill(table[key] ?? EnglishMessages.table[key] ?? key.rawValue, arguments)
    }

    /// `template` with its `{name}` placeholders replaced by `arguments[name]` (shared
    /// with the console's localizer).
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var text = template
        guard !arguments.isEmpty else { return text }
        // One pass over the template, so an argument containing "{other}" stays as it is.
        var out = ""
        while let open = text.firstIndex(of: "{") {
            out += text[..<open]
            let rest = text[text.index(after: open)...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = String(rest[..<close])
            if let value = arguments[name] { out += value } else { out += "{" + name + "}" }
            text = String(rest[rest.index(after: close)...])
        }
        return out + text
    }
}
