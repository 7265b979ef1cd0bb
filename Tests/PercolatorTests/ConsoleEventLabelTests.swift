import Coffee
@testable import Percolator
import Testing
import Web

/// What the console's emails and member pages show for an outbox entry: words in the
/// visit's language, never the stored kind (`WelcomeEmailRequested`).
@Suite("Console — events in words")
struct ConsoleEventLabelTests {
    @Test("every kind of event has its own words in each language, none of them the stored kind",
          arguments: [Language.english, Language.french])
    func everyKindInWords(_ language: Language) {
        let t = ConsoleLocalizer(language)
        let labels = EventKind.allCases.map { ConsoleEndpoints.eventLabel($0.rawValue, t) }
        for (kind, label) in zip(EventKind.allCases, labels) {
            #expect(label != kind.rawValue && !label.isEmpty, "\(kind) in \(language)")
        }
        #expect(Set(labels).count == EventKind.allCases.count, "two kinds read the same in \(language): \(labels)")
    }

    @Test("a few kinds, as an administrator reads them")
    func someKinds() {
        let cases: [(EventKind, Language, String)] = [
            (.welcomeEmailRequested, .english, "Welcome email"),
            (.welcomeEmailRequested, .french, "Email de bienvenue"),
            (.matchIntroRequested, .english, "Introduction email"),
            (.memberDeprovisioned, .french, "Supprimé par l’annuaire"),
        ]
        for (kind, language, expected) in cases {
            #expect(ConsoleEndpoints.eventLabel(kind.rawValue, ConsoleLocalizer(language)) == expected)
        }
    }

    @Test("a kind this build does not know (written by a newer instance) is shown as stored")
    func unknownKind() {
        #expect(ConsoleEndpoints.eventLabel("SomethingNewer", ConsoleLocalizer(.english)) == "SomethingNewer")
    }
}

/// Where a member came from, as the members list and a member's page show it.
@Suite("Console — member sources in words")
struct ConsoleMemberSourceLabelTests {
    @Test("every member source has words of its own in each language", arguments: [Language.english, Language.french])
    func everySource(_ language: Language) throws {
        let t = ConsoleLocalizer(language)
        var labels: Set<String> = []
        for source in MemberSource.allCases {
            let key = try #require(ConsoleMembersPage.label(ofSource: source.rawValue), "\(source) has no words")
            labels.insert(t(key))
        }
        #expect(labels.count == MemberSource.allCases.count)
        #expect(ConsoleMembersPage.label(ofSource: "somethingNewer") == nil)
    }
}
