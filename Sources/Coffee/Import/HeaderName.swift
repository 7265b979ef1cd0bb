import Foundation

/// Recognises the mandatory CSV columns in English or French, ignoring case, accents,
/// spaces, `-`, `_` and `.`: `First name` / `Prénom`, `Last name` / `Nom`,
/// `Email` / `E-mail` / `Courriel`.
public enum HeaderName: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The given name column.
    case firstName
    /// The family name column.
    case lastName
    /// The email column.
    case email

    /// The folded spellings each column is recognised by.
    static let spellings: [HeaderName: Set<String>] = [
        .firstName: ["firstname", "givenname", "first", "prenom", "prenoms"],
        .lastName: ["lastname", "familyname", "surname", "last", "nom", "nomdefamille"],
        .email: ["email", "emailaddress", "mail", "courriel", "adressemail", "adresseemail", "adressecourriel"],
    ]

    /// The mandatory column `header` names, or `nil` for any other column.
    public static func recognize(_ header: String) -> HeaderName? {
        let folded = fold(header)
        return allCases.first { spellings[$0]?.contains(folded) == true }
    }

    /// Lowercased, without diacritics, without spaces, `-`, `_`, `.`, `'`.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
            .unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && !"-_.'’".unicodeScalars.contains($0) }
            .map(String.init).joined()
    }
}
