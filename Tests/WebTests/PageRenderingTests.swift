import Foundation
import Testing
@testable import Web

@Suite("Portal pages — escaping, forms, languages")
struct PageRenderingTests {
    static let knownTags: Set<String> = [
        "html", "head", "meta", "title", "link", "script", "body", "a", "header", "div", "span", "nav", "ul", "li",
        "form", "input", "button", "main", "p", "footer", "section", "h1", "h2", "h3", "dl", "dt", "dd", "bdi", "label",
        "select", "option", "fieldset", "legend", "article", "em", "strong", "small", "table", "thead", "tbody", "tr", "th", "td",
    ]

    static let cases: [(String, any PortalPage, PageContext)] = Language.allCases.flatMap { SamplePages.all($0) }

    @Test("no hostile value becomes markup: only known tags, no event-handler attribute, no javascript: URL, no control character",
          arguments: Language.allCases)
    func hostileValuesStayText(language: Language) {
        for (name, page, context) in SamplePages.all(language) {
            let html = page.document(in: context).render()
            let rendered = RenderedHTML(html)
            for tag in rendered.tags {
                #expect(Self.knownTags.contains(tag.name), "\(name): unexpected tag <\(tag.name)>")
                for attribute in tag.attributes.keys {
                    #expect(!attribute.hasPrefix("on") && attribute.allSatisfy { $0.isLetter || $0 == "-" },
                            "\(name): unexpected attribute \(attribute) on <\(tag.name)>")
                }
                for key in ["href", "action", "src"] {
                    if let url = tag.attributes[key] {
                        #expect(!url.lowercased().hasPrefix("javascript:"), "\(name): \(key)=\(url)")
                    }
                }
            }
            #expect(rendered.tags.filter { $0.name == "script" && !$0.isClosing }.count == 1, "\(name): one script, ours")
            #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "\(name)")
            #expect(!html.contains("<img") && !html.contains("<script>alert") && !html.contains("<b>"), "\(name)")
        }
    }

    @Test("a provisioned member's names, language and time zone are shown with who manages them, not offered as fields", arguments: Language.allCases)
    func provisionedProfile(language: Language) {
        let html = SamplePages.provisionedProfile(language).document(in: SamplePages.context(language, section: .profile)).render()
        let names = Set(RenderedHTML(html).tags.compactMap { $0.attributes["name"] })
        for field in [PortalField.givenName, PortalField.familyName, PortalField.language, PortalField.timeZone] {
            #expect(!names.contains(field), "\(field) is no field")
        }
        #expect(names.contains(PortalField.category("site")), "the member's own categories stay editable")
        let text = RenderedHTML.unescape(html)
        let managed = language == .french ? "Géré par l’annuaire de votre organisation <Okta>" : "Managed by your organisation's directory <Okta>"
        #expect(text.components(separatedBy: managed).count - 1 == 4, "names, language and time zone")
        #expect(text.contains("Zoé") && text.contains(SamplePages.attributeBreaker))
        let editable = SamplePages.profile(language).document(in: SamplePages.context(language, section: .profile)).render()
        #expect(Set(RenderedHTML(editable).tags.compactMap { $0.attributes["name"] }).isSuperset(of: [PortalField.givenName, PortalField.timeZone]))
    }

    @Test("untrusted values come back intact once unescaped (nothing is dropped on the way)")
    func hostileValuesAreShown() {
        let html = SignUpPage(givenName: SamplePages.attributeBreaker, email: SamplePages.scriptName)
            .document(in: SamplePages.context(.english, signedIn: false)).render()
        let values = RenderedHTML(html).tags.compactMap { $0.attributes["value"] }.map(RenderedHTML.unescape)
        #expect(values.contains(SamplePages.attributeBreaker))
        #expect(values.contains(SamplePages.scriptName))
        #expect(RenderedHTML.unescape(html).contains("Acme & Fils <script>alert(1)</script>"))
    }

    @Test("every POST form carries the CSRF field first; every other form is a GET search")
    func formsCarryCSRF() {
        for (name, page, context) in Self.cases {
            let rendered = RenderedHTML(page.document(in: context).render())
            for (form, inside) in rendered.forms {
                if form.attributes["method"] == "get" {
                    #expect(form.attributes["role"] == "search", "\(name): a GET form that is not a search")
                    #expect(!inside.contains { $0.attributes["name"] == PortalField.csrf }, "\(name): CSRF token in a URL")
                    continue
                }
                #expect(form.attributes["method"] == "post", "\(name)")
                let first = inside.first
                #expect(first?.name == "input" && first?.attributes["type"] == "hidden"
                        && first?.attributes["name"] == "csrf" && first?.attributes["value"] == "csrf-&quot;token&quot;-&lt;1&gt;",
                        "\(name): form to \(form.attributes["action"] ?? "?") lacks the CSRF field")
            }
        }
    }

    @Test("every visible input, select and textarea has a label pointing at its id")
    func everyInputIsLabelled() {
        for (name, page, context) in Self.cases {
            let rendered = RenderedHTML(page.document(in: context).render())
            let labelled = Set(rendered.tags.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
            let ids = rendered.tags.compactMap { $0.attributes["id"] }
            #expect(Set(ids).count == ids.count, "\(name): duplicate ids")
            for tag in rendered.tags where ["input", "select", "textarea"].contains(tag.name) && !tag.isClosing {
                guard tag.attributes["type"] != "hidden" else { continue }
                #expect(tag.attributes["id"].map(labelled.contains) == true, "\(name): <\(tag.name) name=\(tag.attributes["name"] ?? "")> has no label")
            }
        }
    }

    @Test("the document is in the context's language, titled, styled and scripted from our hashed assets")
    func documentShell() {
        for (name, page, context) in Self.cases {
            let html = page.document(in: context).render()
            #expect(html.hasPrefix("<!doctype html>\n<html lang=\"\(context.language.tag)\">"), "\(name)")
            #expect(html.contains("<link rel=\"stylesheet\" href=\"\(PortalAssets.stylesheet.path)\">"), "\(name)")
            #expect(html.contains("<script src=\"\(PortalAssets.script.path)\" defer></script>"), "\(name)")
            #expect(html.contains("<main id=\"main\""), "\(name)")
        }
    }

    @Test("French pages are in French and English pages in English")
    func languages() {
        let context = SamplePages.context(.french, section: .programs)
        let french = SamplePages.programs(.french).document(in: context).render()
        #expect(french.contains("Mes programmes") && french.contains("Quitter ce programme") && !french.contains("Leave this program"))
        #expect(french.contains("hreflang=\"en\"") && french.contains(">English<"))
        let english = SamplePages.programs(.english).document(in: SamplePages.context(.english, section: .programs)).render()
        #expect(english.contains("My programs") && english.contains("Leave this program") && !english.contains("Quitter"))
        #expect(english.contains(">Français<"))
    }

    @Test("signed out: no navigation and no sign-out form; signed in: both, with the current section marked")
    func signedInChrome() {
        let out = SignInPage().document(in: SamplePages.context(.english, signedIn: false)).render()
        #expect(!out.contains("/sign-out") && !out.contains("Main navigation"))
        let signedIn = SamplePages.matches(.english).document(in: SamplePages.context(.english, section: .matches)).render()
        #expect(signedIn.contains("action=\"/sign-out\"") && signedIn.contains("<a href=\"/matches\" aria-current=\"page\">Matches</a>"))
    }

    @Test("ids in form URLs are percent-encoded into one path segment")
    func idsInPaths() {
        #expect(PortalPaths().programAvoid("p/../1?x=<y>") == "/programs/p%2F..%2F1%3Fx%3D%3Cy%3E/avoid")
        #expect(PortalPaths(base: "/t/acme/").matchFeedback("g 1") == "/t/acme/matches/g%201/feedback")
        #expect(PortalPaths().programSnooze("") == "/programs/-/snooze")
    }

    @Test("the language switch keeps the page and its query, replaces lang, and refuses unsafe paths",
          arguments: [
            ("/profile?lang=en&x=1", "/profile?x=1&lang=fr"),
            ("/programs", "/programs?lang=fr"),
            ("/matches#past-0", "/matches?lang=fr"),
            ("//evil.example/x", "/?lang=fr"),
            ("https://evil.example", "/?lang=fr"),
          ])
    func languageSwitch(current: String, expected: String) {
        #expect(PortalLayout.languageSwitchHref(current, to: .french, home: "/") == expected)
    }

    @Test("a profile's IdP-owned category is read-only with its owner; editable ones post their key")
    func profileOwnership() {
        let html = SamplePages.profile(.english).document(in: SamplePages.context(.english)).render()
        #expect(html.contains("Managed by Okta &lt;admin&gt;"))
        #expect(!html.contains("name=\"category.department\""))
        #expect(html.contains("name=\"category.interests\" value=\"Chess\" checked"))
        #expect(html.contains("<input type=\"hidden\" name=\"categories\" value=\"site\">"))
        #expect(html.contains("<option value=\"Lyon\" selected>Lyon</option>"))
    }

    @Test("each program offers the actions its state allows, posting a choice to its own URL")
    func programActions() {
        let html = SamplePages.programs(.english).document(in: SamplePages.context(.english, section: .programs)).render()
        let forms = RenderedHTML(html).forms.map { form, inside in
            (action: form.attributes["action"] ?? "",
             choice: inside.first { $0.attributes["name"] == "choice" }?.attributes["value"],
             confirm: form.attributes["data-confirm"])
        }
        func has(_ action: String, _ choice: String?) -> Bool { forms.contains { $0.action == action && $0.choice == choice } }
        let first = "/programs/p%2F..%2F1%3Fx%3D%3Cy%3E"
        #expect(has(first + "/participation", "skip") && !has(first + "/participation", "unskip"))
        #expect(has(first + "/snooze", nil) && !has(first + "/snooze", "end"))
        #expect(has(first + "/avoid", "remove") && has(first + "/avoid", "add"))
        #expect(forms.contains { $0.action == first + "/membership" && $0.choice == "leave" && $0.confirm?.hasPrefix("Leave this program?") == true })
        #expect(has("/programs/lunch/participation", "opt-in") && has("/programs/lunch/snooze", "end"))
        #expect(has("/programs/old/membership", "rejoin") && !forms.contains { $0.action.hasPrefix("/programs/old/") && $0.choice != "rejoin" })
        #expect(has("/snooze", nil) && !has("/snooze", "end"))
        #expect(html.contains("aria-label=\"Avoid Jean &lt;b&gt;Dupont&lt;/b&gt;\""))
    }

    @Test("link pages post their token from a hidden field to their own URL; the GET shows only a button")
    func linkPages() {
        let context = SamplePages.context(.english, signedIn: false)
        for (page, action) in [(LinkConfirmationPage(.signIn, token: "t<1>") as any PortalPage, "/sign-in/link"),
                               (LinkConfirmationPage(.signUpConfirmation, token: "t<1>"), "/sign-up/confirm"),
                               (InvitationPage(token: "t<1>", email: "a@b.c", givenName: "A", familyName: "B", expiresOn: "x"), "/invitations/accept"),
                               (UnsubscribePage.confirm(token: "t<1>"), "/unsubscribe"),
                               (UnsubscribePage.unsubscribed(token: "t<1>"), "/unsubscribe/undo")] {
            let forms = RenderedHTML(page.document(in: context).render()).forms.filter { $0.form.attributes["method"] == "post" }
            let form = forms.first { $0.form.attributes["action"] == action }
            #expect(form?.inside.contains { $0.attributes["name"] == "token" && $0.attributes["value"] == "t&lt;1&gt;" } == true, "\(action)")
        }
        let feedback = FeedbackLinkPage(token: "t", match: MatchCard(groupID: "g", programName: "P", sessionDate: "d",
                                                                     partners: [], asksForFeedback: true, answer: .no))
        let html = feedback.document(in: context).render()
        #expect(html.contains("action=\"/feedback\"") && html.contains("name=\"met\" value=\"no\" checked"))
        #expect(html.contains("<input type=\"hidden\" name=\"token\" value=\"t\">"))
    }

    @Test("a form's problems are listed first, linked to their fields, and marked on them")
    func problems() {
        let page = SignUpPage(givenName: "Ann", familyName: "", email: "ann@gmail.com", allowedDomains: ["acme.example"],
                              problems: [.missingName, .domainNotAllowed])
        let html = page.document(in: SamplePages.context(.english, signedIn: false)).render()
        #expect(html.contains("<a href=\"#familyName\">Enter your first name and your last name.</a>"))
        #expect(html.contains("<a href=\"#email\">Only work addresses can sign up: use an address ending in @acme.example.</a>"))
        let tags = RenderedHTML(html).tags
        let family = tags.first { $0.attributes["id"] == "familyName" }
        let given = tags.first { $0.attributes["id"] == "givenName" }
        #expect(family?.attributes["aria-invalid"] == "true" && family?.attributes["aria-describedby"] == "familyName-error")
        #expect(given?.attributes["aria-invalid"] == nil)
        #expect(tags.first { $0.attributes["id"] == "email" }?.attributes["aria-invalid"] == "true")
    }

    @Test("every error page has its status", arguments: ErrorPage.allCases)
    func errorStatus(page: ErrorPage) {
        #expect([400, 403, 404, 410, 429].contains(page.status))
        #expect(page.document(in: SamplePages.context(.french, signedIn: false)).render().contains("<h1>"))
    }
}
