import Foundation
import Testing
@testable import Web

@Suite("Console — message tables, guides and page rendering")
struct ConsoleLocalisationTests {
    @Test("every console key has a non-empty text in every language, and no table has extra keys", arguments: Language.allCases)
    func complete(language: Language) {
        let table = ConsoleLocalizer.table(language)
        for key in ConsoleMessageKey.allCases {
            #expect(!(table[key] ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "\(language): \(key) is missing")
        }
        #expect(table.count == ConsoleMessageKey.allCases.count)
    }

    @Test("every console text parses, and both languages use the same placeholders for each console key")
    func placeholders() {
        for key in ConsoleMessageKey.allCases {
            let english = MessageTemplate(ConsoleEnglishMessages.table[key] ?? ""), french = MessageTemplate(ConsoleFrenchMessages.table[key] ?? "")
            #expect(english.parts != nil && french.parts != nil, "\(key) does not parse")
            #expect(english.argumentNames == french.argumentNames, "\(key)")
        }
    }

    @Test("the guides in docs/idp are the console's guides, word for word", arguments: ConsoleGuide.all)
    func guidesInRepository(guide: ConsoleGuide) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/idp/\(guide.slug).md")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == guide.markdown(baseURL: "https://percolator.example.com/scim/v2"),
                "regenerate docs/idp/\(guide.slug).md from ConsoleGuide")
    }

    @Test("a program manager's navigation shows Home and Programs only; an administrator's all seven sections")
    func navigationByRole() {
        func page(_ role: ConsoleContext.Role) -> String {
            let context = ConsoleContext(language: .english, organisationName: "Acme <b>", signedInAs: "pm@example.com", role: role,
                                         csrfToken: "t", currentPath: "/admin")
            return ConsoleHomePage(counts: nil, nextSessions: []).document(in: context).render()
        }
        let manager = page(.programManager), administrator = page(.administrator)
        #expect(manager.contains("href=\"/admin/programs\"") && !manager.contains("href=\"/admin/members\"")
                && !manager.contains("href=\"/admin/connect\""))
        for (_, path, _) in ConsoleLayout.sections { #expect(administrator.contains("href=\"\(path)\"")) }
        #expect(administrator.contains("Acme &lt;b&gt;") && !administrator.contains("Acme <b>"))
    }
}
