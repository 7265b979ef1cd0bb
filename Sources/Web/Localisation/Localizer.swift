import Foundation

/// The texts of one language, with their placeholders filled.
///
/// `localizer(.statusSnoozed, ["date": "3 March"])` replaces `{date}`; a count chooses its
/// plural form (``MessageTemplate``). Arguments are
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
        Self.fill(table[key] ?? EnglishMessages.table[key] ?? key.rawValue, arguments, language: language)
    }

    /// `template` with its placeholders filled from `arguments` and its plurals chosen by
    /// the rules of `language` (see ``MessageTemplate``; shared with the console's
    /// localizer).
    static func fill(_ template: String, _ arguments: [String: String], language: Language) -> String {
        guard !arguments.isEmpty else { return template }
        return MessageTemplate(template).filled(arguments, language: language)
    }
}
