import Web

/// Every portal page with sample data, hostile values included, for the rendering tests
/// and the preview that scripts/browser/screenshots.py photographs.
enum SamplePages {
    static let scriptName = "<script>alert(1)</script>"
    static let attributeBreaker = #""><img src=x onerror=alert(1)>"#
    static let rightToLeft = "مريم العلي"
    static let controlCharacters = "Zoé\u{0}\u{7}\u{1B}[31m"
    static let hostileValues = [scriptName, attributeBreaker, rightToLeft, controlCharacters, "Tom & Jerry's \"Café\""]

    static let organisation = "Acme & Fils <script>alert(1)</script>"

    static func context(_ language: Language, signedIn: Bool = true, section: PageContext.Section? = nil,
                        notice: Notice? = nil) -> PageContext {
        PageContext(language: language, organisationName: organisation,
                    memberName: signedIn ? "Zoé \(attributeBreaker)" : nil,
                    csrfToken: "csrf-\"token\"-<1>", currentPath: "/profile?lang=en&x=1", section: section, notice: notice)
    }

    /// (file stem, page, context) for every page in `language`.
    static func all(_ language: Language) -> [(name: String, page: any PortalPage, context: PageContext)] {
        [
            ("sign-in", SignInPage(), context(language, signedIn: false)),
            ("sign-in-error", SignInPage(email: attributeBreaker, isEmailInvalid: true), context(language, signedIn: false)),
            ("check-email", CheckEmailPage(email: "\(scriptName)@example.com", expiresInMinutes: 30), context(language, signedIn: false)),
            ("sign-in-link", LinkConfirmationPage(.signIn, token: "tok\"en<>&"), context(language, signedIn: false)),
            ("sign-up-confirmation", LinkConfirmationPage(.signUpConfirmation, token: "tok\"en<>&"), context(language, signedIn: false)),
            ("feedback-link", FeedbackLinkPage(token: "fb\"<t>", match: MatchCard(
                groupID: "g2", programName: "Café du jeudi \(scriptName)", sessionDate: language == .french ? "jeudi 3 décembre 2026" : "Thursday 3 December 2026",
                partners: [MatchPartner(name: rightToLeft, email: "maryam@acme.example")], asksForFeedback: true, answer: .yes)),
             context(language, signedIn: false)),
            ("invitation", InvitationPage(token: "inv\"<tok>", email: "o'brien+\"x\"@example.com", givenName: rightToLeft,
                                          familyName: attributeBreaker, expiresOn: language == .french ? "12 décembre 2026" : "12 December 2026"),
             context(language, signedIn: false)),
            ("invitation-missing-name", InvitationPage(token: "t", email: "ann@example.com", givenName: "", familyName: "",
                                                       expiresOn: "12/12/2026", isNameMissing: true), context(language, signedIn: false)),
            ("sign-up", SignUpPage(allowedDomains: ["acme.example", "acme-fils.example"]), context(language, signedIn: false)),
            ("sign-up-error", SignUpPage(givenName: scriptName, familyName: "", email: "someone@gmail.com",
                                         allowedDomains: ["acme.example", "<b>evil</b>.example"],
                                         problems: [.missingName, .domainNotAllowed]), context(language, signedIn: false)),
            ("profile", profile(language), context(language, section: .profile, notice: .saved)),
            ("profile-provisioned", provisionedProfile(language), context(language, section: .profile)),
            ("programs", programs(language), context(language, section: .programs)),
            ("programs-on-break", ProgramsPage(snooze: Snooze(until: language == .french ? "2 février 2027" : "2 February 2027",
                                                               untilISODate: "2027-02-02", earliestISODate: "2026-12-05"),
                                               programs: Array(programs(language).programs.prefix(1))),
             context(language, section: .programs)),
            ("programs-empty", ProgramsPage(snooze: Snooze(earliestISODate: "2026-12-05"), programs: []), context(language, section: .programs)),
            ("matches", matches(language), context(language, section: .matches)),
            ("matches-empty", MatchesPage(current: [], past: []), context(language, section: .matches)),
            ("unsubscribe", UnsubscribePage.confirm(token: "u\"<t>"), context(language, signedIn: false)),
            ("unsubscribed", UnsubscribePage.unsubscribed(token: "u\"<t>"), context(language, signedIn: false)),
            ("resubscribed", UnsubscribePage.resubscribed, context(language, signedIn: false)),
        ] + ErrorPage.allCases.map { ("error-\($0)", $0 as any PortalPage, context(language, signedIn: false)) }
    }

    static func profile(_ language: Language) -> ProfilePage {
        ProfilePage(
            givenName: "Zoé", familyName: attributeBreaker, language: language, timeZone: "America/New_York",
            timeZoneChoices: ["Europe/Paris", "Europe/London", "America/Montreal", "America/New_York", "Asia/Tokyo"],
            categories: [
                ProfileCategoryField(key: "site", label: "Site", kind: .singleSelect(options: ["Paris", "Lyon", scriptName], selected: "Lyon")),
                ProfileCategoryField(key: "interests", label: language == .french ? "Centres d’intérêt" : "Interests",
                                     kind: .multiSelect(options: ["Running", "Chess", "Jazz", "Cooking", rightToLeft, attributeBreaker],
                                                        selected: ["Chess", rightToLeft])),
                ProfileCategoryField(key: "x\"><script>", label: scriptName, kind: .text(attributeBreaker)),
                ProfileCategoryField(key: "department", label: language == .french ? "Service" : "Department",
                                     kind: .singleSelect(options: [], selected: "R&D <Platform>"), owner: "Okta <admin>"),
                ProfileCategoryField(key: "manager", label: "Manager", kind: .text(""), owner: "HR import"),
            ])
    }

    /// A member the identity provider provisions: names, language and time zone shown, not edited.
    static func provisionedProfile(_ language: Language) -> ProfilePage {
        var page = profile(language)
        page.managedBy = language == .french ? "l’annuaire de votre organisation <Okta>" : "your organisation's directory <Okta>"
        page.timeZone = nil
        return page
    }

    static func programs(_ language: Language) -> ProgramsPage {
        let french = language == .french
        return ProgramsPage(snooze: Snooze(earliestISODate: "2026-12-05"), programs: [
            ProgramCard(id: "p/../1?x=<y>", name: "Café du jeudi \(scriptName)",
                        schedule: french ? "Toutes les deux semaines, le jeudi à 10:00" : "Every other Thursday at 10:00",
                        nextSession: french ? "jeudi 10 décembre 2026" : "Thursday 10 December 2026",
                        participation: .automatic(isSkipping: false), snooze: Snooze(earliestISODate: "2026-12-05"),
                        avoided: [MemberChoice(id: "m1", name: rightToLeft, email: "maryam@acme.example")],
                        search: AvoidSearch(query: attributeBreaker,
                                            results: [MemberChoice(id: "m\"2", name: "Jean <b>Dupont</b>", email: "jean@acme.example"),
                                                      MemberChoice(id: "m3", name: controlCharacters, email: nil)])),
            ProgramCard(id: "lunch", name: french ? "Déjeuners inter-équipes" : "Cross-team lunches",
                        schedule: french ? "Le premier lundi du mois" : "First Monday of the month", nextSession: nil,
                        participation: .optIn(isOptedIn: false),
                        snooze: Snooze(until: french ? "15 janvier 2027" : "15 January 2027", untilISODate: "2027-01-15",
                                       earliestISODate: "2026-12-05"),
                        search: AvoidSearch(query: "zzz", results: [])),
            ProgramCard(id: "old", name: "Mentoring", schedule: french ? "Chaque mois" : "Monthly", nextSession: "2027-01-04",
                        participation: .optIn(isOptedIn: true), hasLeft: true, snooze: Snooze(earliestISODate: "2026-12-05")),
        ])
    }

    static func matches(_ language: Language) -> MatchesPage {
        let french = language == .french
        return MatchesPage(
            current: [
                MatchCard(groupID: "g/1", programName: "Café du jeudi \(scriptName)",
                          sessionDate: french ? "jeudi 3 décembre 2026" : "Thursday 3 December 2026",
                          partners: [MatchPartner(name: rightToLeft, email: "maryam@acme.example"),
                                     MatchPartner(name: attributeBreaker, email: "javascript:alert(1)")],
                          comparisons: [CategoryComparison(category: "Site", mine: "Paris", theirs: "Paris", isShared: true),
                                        CategoryComparison(category: scriptName, mine: "R&D", theirs: attributeBreaker, isShared: false)],
                          asksForFeedback: false),
            ],
            past: [
                MatchCard(groupID: "g2", programName: french ? "Déjeuners inter-équipes" : "Cross-team lunches",
                          sessionDate: french ? "lundi 2 novembre 2026" : "Monday 2 November 2026",
                          partners: [MatchPartner(name: "Ana Lúcia Pereira", email: "ana@acme.example")],
                          comparisons: [CategoryComparison(category: french ? "Service" : "Department", mine: "Sales", theirs: "Engineering", isShared: false)],
                          asksForFeedback: true, answer: .yes, rating: 4),
                MatchCard(groupID: "g3", programName: "Mentoring", sessionDate: "2026-10-05",
                          partners: [MatchPartner(name: "Bob", email: "bob@acme.example"), MatchPartner(name: "Chloé", email: "chloe@acme.example")],
                          asksForFeedback: true),
            ])
    }
}
