/// The console's texts of one language, with their placeholders filled (as the
/// portal's ``Localizer``).
public struct ConsoleLocalizer: Sendable {
    /// The language.
    public let language: Language

    /// The localizer of `language`.
    public init(_ language: Language) {
        self.language = language
    }

    /// The table of `language`.
    public static func table(_ language: Language) -> [ConsoleMessageKey: String] {
        switch language {
        case .english: ConsoleEnglishMessages.table
        case .french: ConsoleFrenchMessages.table
        }
    }

    /// The text of `key` with its placeholders filled from `arguments` (``MessageTemplate``).
    public func callAsFunction(_ key: ConsoleMessageKey, _ arguments: [String: String] = [:]) -> String {
        Localizer.fill(Self.table(language)[key] ?? ConsoleEnglishMessages.table[key] ?? key.rawValue, arguments,
                       language: language)
    }
}
