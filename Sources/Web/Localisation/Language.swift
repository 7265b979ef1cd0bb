import Foundation

/// A language the portal speaks.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case french = "fr"

    /// The BCP 47 tag for `lang` and `hreflang`.
    public var tag: String { rawValue }

    /// The language's own name, shown in the language switch ("English", "Français").
    public var autonym: String {
        switch self {
        case .english: "English"
        case .french: "Français"
        }
    }

    /// The language of a BCP 47 tag or POSIX locale (`fr`, `fr-CA`, `fr_CA.UTF-8`,
    /// `EN-gb`); nil for a language the portal does not speak.
    public init?(tag: String) {
        let primary = tag.trimmingCharacters(in: .whitespaces)
            .split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == "@" }).first
            .map { $0.lowercased() }
        guard let primary, let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The message table of this language.
    public var messages: MessageTable {
        switch self {
        case .english: EnglishMessages.table
        case .french: FrenchMessages.table
        }
    }
}
