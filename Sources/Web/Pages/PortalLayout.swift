import Foundation

/// The frame of every portal page: skip link; a header with the organisation's name, the
/// language switch and (signed in) the sign-out form and the navigation; `<main>` with the
/// notice and the page; a footer; the stylesheet and the deferred script.
enum PortalLayout {
    static func document(for page: some PortalPageContent, in context: PageContext) -> HTMLDocument {
        let kit = PageKit(context)
        let t = kit.t
        let title = page.title(kit)
        let organisation = context.organisationName
        return HTMLDocument(
            language: context.language.tag,
            title: "\(title) · \(organisation.isEmpty ? t(.portalName) : organisation)",
            head: [
                .el(.link, [.rel("icon"), .type("image/svg+xml"), .href(PortalAssets.icon.path)]),
                .el(.link, [.rel("stylesheet"), .href(PortalAssets.stylesheet.path)]),
                .el(.script, [.src(PortalAssets.script.path), .defer]),
            ],
            body: [
                .el(.a, [.class("skip-link"), .href("#main")], text: t(.skipToContent)),
                header(kit),
                .el(.main, [.id("main"), .class(page.isNarrow ? "narrow" : "wide")], [
                    notice(kit),
                    .fragment(page.content(kit)),
                ]),
                .el(.footer, [.class("site-footer")], [
                    .el(.p, text: t(.footerText, ["organisation": organisation])),
                ]),
            ])
    }

    private static func header(_ kit: PageKit) -> HTMLNode {
        let context = kit.context, t = kit.t
        let other: Language = context.language == .english ? .french : .english
        let initial = context.organisationName.trimmingCharacters(in: .whitespaces).first.map { String($0).uppercased() } ?? "P"
        var tools: [HTMLNode] = [
            .el(.nav, [.class("lang-switch"), .aria("label", t(.languageSwitch))], [
                .el(.a, [.href(languageSwitchHref(context.currentPath, to: other, home: context.paths.home)),
                         .hreflang(other.tag), .lang(other.tag)], text: other.autonym),
            ]),
        ]
        if let name = context.memberName {
            tools.append(.el(.span, [.class("muted member-name")], [.isolated(name)]))
            tools.append(kit.postForm(context.paths.signOut, attributes: [.class("inline-form")], [
                kit.button(t(.signOut), style: "link-button"),
            ]))
        }
        var children: [HTMLNode] = [
            .el(.div, [.class("bar")], [
                .el(.a, [.class("brand"), .href(context.paths.home)], [
                    .el(.span, [.class("brand-mark"), .aria("hidden", "true")], text: initial),
                    .el(.span, [.class("brand-text")], [
                        .el(.span, [.class("brand-org")], [.isolated(context.organisationName)]),
                        .el(.span, [.class("brand-product")], text: t(.portalName)),
                    ]),
                ]),
                .el(.div, [.class("header-tools")], tools),
            ]),
        ]
        if context.isSignedIn {
            let items: [(PageContext.Section, String, MessageKey)] = [
                (.profile, context.paths.profile, .tabProfile),
                (.programs, context.paths.programs, .tabPrograms),
                (.matches, context.paths.matches, .tabMatches),
            ]
            children.append(.el(.nav, [.class("nav"), .aria("label", t(.mainNavigation))], [
                .el(.ul, [], items.map { section, href, key in
                    .el(.li, [], [.el(.a, [.href(href)] + (context.section == section ? [.aria("current", "page")] : []), text: t(key))])
                }),
            ]))
        }
        return .el(.header, [.class("site-header")], children)
    }

    private static func notice(_ kit: PageKit) -> HTMLNode {
        guard let notice = kit.context.notice else { return .empty }
        let isError = notice.kind == .error
        return .el(.div, [.class(isError ? "notice notice-error" : "notice notice-success"), .role(isError ? "alert" : "status")], [
            .el(.p, text: kit.t(notice.message)),
            .el(.button, [.type("button"), .data("dismiss", ""), .hidden, .aria("label", kit.t(.close))], text: "×"),
        ])
    }

    /// `currentPath` with its `lang` parameter set to `language` (the switch's link). An
    /// unsafe path (see ``SafeRedirect``) gives the home page instead.
    static func languageSwitchHref(_ currentPath: String, to language: Language, home: String) -> String {
        let path = SafeRedirect.target(currentPath, fallback: home)
        let withoutFragment = path.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query = parts.count > 1 ? parts[1].split(separator: "&").filter { !$0.hasPrefix("lang=") && $0 != "lang" }.map(String.init) : []
        query.append("lang=" + language.tag)
        return String(parts[0]) + "?" + query.joined(separator: "&")
    }
}
