/// A narrow page with a title, a sentence and a way on: the console's errors, "check
/// your email", and a magic link's confirmation button.
public struct ConsoleMessagePage: Sendable, Hashable {
    /// What the page says.
    public enum Kind: Sendable, Hashable {
        /// 404: nothing here (another organisation's ids too).
        case notFound
        /// 403: a program manager on an administrator's page.
        case forbidden
        /// 400.
        case badRequest
        /// 403: a form whose CSRF token or origin failed.
        case formExpired
        /// 410: a spent or expired magic link.
        case expiredLink
        /// After asking for a magic link (the same whether or not the address is listed).
        case checkEmail(email: String, minutes: Int)
        /// A magic link's page: one click (POST) spends it.
        case confirmLink(token: String)
        /// A page the console does not have yet, and the admin API endpoint that does it.
        case comingSoon(endpoint: String)
    }

    /// What the page says.
    public var kind: Kind

    /// Creates the page.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The HTTP status to answer with.
    public var status: Int {
        switch kind {
        case .notFound: 404
        case .forbidden, .formExpired: 403
        case .badRequest: 400
        case .expiredLink: 410
        case .checkEmail, .confirmLink, .comingSoon: 200
        }
    }
}

extension ConsoleMessagePage: ConsolePageContent {
    var isNarrow: Bool { true }

    func title(_ kit: ConsoleKit) -> String {
        let t = kit.t
        switch kind {
        case .notFound: return t(.notFoundTitle)
        case .forbidden: return t(.forbiddenTitle)
        case .badRequest: return t(.badRequestTitle)
        case .formExpired: return t(.formExpiredTitle)
        case .expiredLink: return t(.expiredLinkTitle)
        case .checkEmail: return t(.checkEmailTitle)
        case .confirmLink: return t(.linkTitle)
        case .comingSoon: return t(.comingTitle)
        }
    }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        let home = HTMLNode.el(.a, [.class("button button-secondary"), .href(ConsolePaths.home)], text: t(.backHome))
        var children: [HTMLNode]
        switch kind {
        case .notFound: children = [.el(.p, text: t(.notFoundBody)), home]
        case .forbidden: children = [.el(.p, text: t(.forbiddenBody)), home]
        case .badRequest: children = [.el(.p, text: t(.badRequestBody)), home]
        case .formExpired: children = [.el(.p, text: t(.formExpiredBody))]
        case .expiredLink:
            children = [.el(.p, text: t(.expiredLinkBody)),
                        .el(.a, [.class("button"), .href(ConsolePaths.signIn)], text: t(.signInTitle))]
        case .checkEmail(let email, let minutes):
            children = [.el(.p, text: t(.checkEmailBody, ["email": email, "minutes": String(minutes)]))]
        case .confirmLink(let token):
            children = [
                .el(.p, text: t(.linkBody)),
                kit.postForm(ConsolePaths.signInLink, [
                    kit.forms.hidden(ConsoleField.token, token),
                    kit.forms.button(t(.linkSubmit), style: "button button-block"),
                ]),
            ]
        case .comingSoon(let endpoint):
            children = [.el(.p, text: t(.comingBody, ["endpoint": endpoint])), home]
        }
        return [kit.forms.card(title: title(kit), children)]
    }
}
