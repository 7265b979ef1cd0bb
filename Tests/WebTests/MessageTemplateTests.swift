import Testing
@testable import Web

/// Message templates: `{name}` arguments and ICU plural selection by CLDR's rules.
@Suite("MessageTemplate — arguments and plural forms (CLDR rules for English and French)")
struct MessageTemplateTests {
    @Test("CLDR's categories for whole numbers: English one is 1; French one is 0 and 1", arguments: [
        (0, Language.english, PluralCategory.other), (1, .english, .one), (2, .english, .other), (11, .english, .other),
        (-1, .english, .other), (0, .french, .one), (1, .french, .one), (2, .french, .other), (100, .french, .other),
    ])
    func categories(count: Int, language: Language, expected: PluralCategory) {
        #expect(PluralCategory(count, in: language) == expected)
    }

    static let members = "{count, plural, one {# member} other {# members}} in {place}"

    @Test("a plural chooses its branch and puts the count for #; an exact =N branch comes first", arguments: [
        (members, ["count": "1", "place": "Lyon"], Language.english, "1 member in Lyon"),
        (members, ["count": "0", "place": "Lyon"], .english, "0 members in Lyon"),
        (members, ["count": "12", "place": "Lyon"], .english, "12 members in Lyon"),
        ("{n, plural, one {# membre} other {# membres}}", ["n": "0"], .french, "0 membre"),
        ("{n, plural, one {# membre} other {# membres}}", ["n": "2"], .french, "2 membres"),
        ("{n, plural, =0 {no one} one {# person} other {# people}}", ["n": "0"], .english, "no one"),
        ("{n, plural, =0 {no one} one {# person} other {# people}}", ["n": "1"], .english, "1 person"),
        ("{n,plural,one{# x}other{# xs}}", ["n": "3"], .english, "3 xs"),
        ("{a, plural, one {# a} other {# as}}, {b, plural, one {# b} other {# bs}}", ["a": "1", "b": "2"], .english, "1 a, 2 bs"),
        ("{n, plural, one {# in {city}} other {# in {city}}}", ["n": "2", "city": "Nantes"], .english, "2 in Nantes"),
        ("# {n, plural, other {#}}", ["n": "4"], .english, "# 4"),
    ])
    func plural(template: String, arguments: [String: String], language: Language, expected: String) {
        #expect(MessageTemplate(template).filled(arguments, language: language) == expected)
    }

    @Test("arguments are inserted once, never read as template text; a missing or non-numeric count keeps the placeholder")
    func verbatim() {
        #expect(MessageTemplate("{a} and {b}").filled(["a": "{b}", "b": "#"], language: .english) == "{b} and #")
        #expect(MessageTemplate(Self.members).filled(["count": "{count}", "place": "x"], language: .english)
                == "{count, plural, one {# member} other {# members}} in x")
        #expect(MessageTemplate(Self.members).filled(["place": "Paris"], language: .english)
                == "{count, plural, one {# member} other {# members}} in Paris")
        #expect(MessageTemplate("Hello {name}").filled([:], language: .english) == "Hello {name}")
    }

    @Test("a template that does not parse is returned as it is, and has no parts", arguments: [
        "{", "}", "{a", "{count, plural, one {x}}", "{count, plural, one {x} other {y}", "{count, select, other {x}}",
        "{count, plural, few {x} other {y}}", "{count, plural, other x}", "{ }",
    ])
    func malformed(template: String) {
        let parsed = MessageTemplate(template)
        #expect(parsed.parts == nil)
        #expect(parsed.filled(["count": "1", "a": "A"], language: .english) == template)
    }

    @Test("argument names include the counts and the placeholders inside branches")
    func names() {
        #expect(MessageTemplate("{n, plural, one {# in {city}} other {#}} by {who}").argumentNames == ["n", "city", "who"])
    }

    @Test("the console's counted messages read right for 1 and for 2, in both languages", arguments: [
        (Language.english, ConsoleMessageKey.invitedNotice, 1, "1 invitation sent."),
        (.english, .invitedNotice, 2, "2 invitations sent."),
        (.french, .invitedNotice, 1, "1 invitation envoyée."),
        (.french, .invitedNotice, 0, "0 invitation envoyée."),
        (.english, .importApplySubmit, 1, "Import (1 member)"),
        (.english, .unmatchedCount, 1, "1 member without a group"),
        (.french, .unmatchedCount, 3, "3 membres sans groupe"),
        (.english, .audienceCount, 1, "1 member is in this audience now (nothing saved)."),
        (.english, .testSucceeded, 1, "Reached: the first page lists 1 person."),
        (.english, .signUpLinksClosed, 1, "1 sign-up link closed."),
        (.french, .signUpLinksClosed, 2, "2 liens d’inscription fermés."),
        (.english, .importIssuesAll, 1, "1 row has a problem or a warning."),
        (.english, .sessionsCounted, 1, "1 matched session counted."),
    ])
    func console(language: Language, key: ConsoleMessageKey, count: Int, expected: String) {
        #expect(ConsoleLocalizer(language)(key, ["count": String(count)]) == expected)
    }

    @Test("several counts in one message choose each its own form")
    func importDone() {
        #expect(ConsoleLocalizer(.english)(.importDone, ["created": "1", "updated": "0", "emails": "2"])
                == "Import done: 1 member created, 0 updated, 2 welcome emails queued.")
        #expect(ConsoleLocalizer(.french)(.matchedNotice, ["groups": "1"]) == "1 groupe formé.")
    }
}
