/// The frame of every console page: skip link; a header with the organisation's name,
/// "Admin console", the language switch and (signed in) who is signed in, the sign-out
/// form and the navigation (Home, Members, Import, Invitations, Programs, Emails, Connect
/// IdP; a program manager sees Home and Programs only); `<main>` with the notice and the
/// page. The portal's stylesheet and script, plus the console's stylesheet.
enum ConsoleLayout {
    static func document(for page: some ConsolePageContent, in context: ConsoleContext) -> HTMLDocument {
        let kit = ConsoleKit(context)
        let title = page.title(kit)
        return HTMLDocument(
            language: context.language.tag,
            title: "\(title) · \(kit.t(.consoleName)) · \(context.organisationName)",
            head: [
                .el(.link, [.rel("icon"), .type("image/svg+xml"), .href(PortalAssets.icon.path)]),
                .el(.link, [.rel("stylesheet"), .href(PortalAssets.stylesheet.path)]),
                .el(.link, [.rel("stylesheet"), .href(ConsoleAssets.stylesheet.path)]),
                .el(.script, [.src(PortalAssets.script.path), .defer]),
                .fragment(page.head),
            ],
            body: [
                .el(.a, [.class("skip-link"), .href("#main")], text: kit.forms.t(.skipToContent)),
                header(kit),
                .el(.main, [.id("main"), .class(page.isNarrow ? "narrow" : "wide console")], [
                    context.notice.map { .el(.div, [.class("notice notice-success"), .role("status")], [.el(.p, text: $0)]) } ?? .empty,
                    page.isNarrow ? .empty : .el(.h1, text: title),
                    .fragment(page.content(kit)),
                ]),
            ])
    }

    /// The sections in the navigation, with their paths and labels.
    static let sections: [(ConsoleContext.Section, String, ConsoleMessageKey)] = [
        (.home, ConsolePaths.home, .navHome),
        (.members, ConsolePaths.members, .navMembers),
        (.importCSV, ConsolePaths.importCSV, .navImport),
        (.categories, ConsolePaths.categories, .navCategories),
        (.invitations, ConsolePaths.invitations, .navInvitations),
        (.programs, ConsolePaths.programs, .navPrograms),
        (.emails, ConsolePaths.emails, .navEmails),
        (.connections, ConsolePaths.connections, .navConnections),
        (.connect, ConsolePaths.connect, .navConnect),
    ]

    private static func header(_ kit: ConsoleKit) -> HTMLNode {
        let context = kit.context, t = kit.t
        let other: Language = context.language == .english ? .french : .english
        let initial = context.organisationName.trimmingCharacters(in: .whitespaces).first.map { String($0).uppercased() } ?? "P"
        var tools: [HTMLNode] = [
            .el(.nav, [.class("lang-switch"), .aria("label", kit.forms.t(.languageSwitch))], [
                .el(.a, [.href(PortalLayout.languageSwitchHref(context.currentPath, to: other, home: ConsolePaths.home)),
                         .hreflang(other.tag), .lang(other.tag)], text: other.autonym),
            ]),
        ]
        if let who = context.signedInAs {
            let role = context.role == .administrator ? t(.roleAdministrator) : t(.roleProgramManager)
            tools.append(.el(.span, [.class("muted console-who")], [.isolated(who), .text(" · " + role)]))
            tools.append(kit.postForm(ConsolePaths.signOut, attributes: [.class("inline-form")], [
                kit.forms.button(kit.forms.t(.signOut), style: "link-button"),
            ]))
        }
        var children: [HTMLNode] = [
            .el(.div, [.class("bar")], [
                .el(.a, [.class("brand"), .href(ConsolePaths.home)], [
                    .el(.span, [.class("brand-mark console-mark"), .aria("hidden", "true")], text: initial),
                    .el(.span, [.class("brand-text")], [
                        .el(.span, [.class("brand-org")], [.isolated(context.organisationName)]),
                        .el(.span, [.class("brand-product")], text: t(.consoleName)),
                    ]),
                ]),
                .el(.div, [.class("header-tools")], tools),
            ]),
        ]
        if context.signedInAs != nil {
            let visible = sections.filter { context.role == .administrator || $0.0.isForProgramManagers }
            children.append(.el(.nav, [.class("nav"), .aria("label", kit.forms.t(.mainNavigation))], [
                .el(.ul, [], visible.map { section, href, key in
                    .el(.li, [], [.el(.a, [.href(href)] + (context.section == section ? [.aria("current", "page")] : []), text: t(key))])
                }),
            ]))
        }
        return .el(.header, [.class("site-header")], children)
    }
}
