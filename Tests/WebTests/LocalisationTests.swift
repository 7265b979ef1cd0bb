import Foundation
import Testing
@testable import Web

@Suite("Localisation — tables and language choice")
struct LocalisationTests {
    @Test("every key has a non-empty text in every language, and no table has extra keys", arguments: Language.allCases)
    func complete(language: Language) {
        let table = language.messages
        for key in MessageKey.allCases {
            #expect(!(table[key] ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "\(language): \(key) is missing")
        }
        #expect(table.count == MessageKey.allCases.count)
    }

    @Test("every text parses, and both languages use the same placeholders for each key")
    func placeholders() {
        for key in MessageKey.allCases {
            let english = MessageTemplate(EnglishMessages.table[key] ?? ""), french = MessageTemplate(FrenchMessages.table[key] ?? "")
            #expect(english.parts != nil && french.parts != nil, "\(key) does not parse")
            #expect(english.argumentNames == french.argumentNames, "\(key)")
        }
    }

    @Test("placeholders are filled once; an argument that looks like a placeholder stays as it is")
    func filling() {
        let t = Localizer(.english)
        #expect(t(.statusSnoozed, ["date": "{date}"]) == "On a break until {date}")
        #expect(t(.avoidRemove, ["name": "Ann"]) == "Remove Ann")
        #expect(t(.avoidRemove) == "Remove {name}")
        #expect(Localizer(.french)(.ratingValue, ["rating": "4"]) == "4 sur 5")
    }

    @Test("language choice", arguments: [
        (nil, nil, nil, nil, Language.english),
        ("fr", nil, nil, "en", .french),
        (nil, "fr-CA", nil, "en", .french),
        (nil, "de", "fr_FR.UTF-8", "en", .french),
        (nil, "de", nil, "fr-CA,fr;q=0.9,en;q=0.8", .french),
        (nil, nil, nil, "de-DE,de;q=0.9,en;q=0.5,fr;q=0.6", .french),
        (nil, nil, nil, "fr;q=0, en", .english),
        (nil, nil, nil, "de, *;q=0.1", .english),
        (nil, nil, nil, "de, it", .english),
        (nil, nil, nil, "fr;q=abc, en;q=0.2", .english),
        (nil, nil, nil, "FR-ca", .french),
        ("xx", nil, nil, "en-GB,en;q=0.9,fr;q=0.8", .english),
    ])
    func negotiation(explicit: String?, preferred: String?, locale: String?, acceptLanguage: String?, expected: Language) {
        #expect(LanguageNegotiation.choose(explicit: explicit, preferred: preferred, locale: locale, acceptLanguage: acceptLanguage) == expected)
    }
}
