extension ErrorPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String {
        kit.t(messages.title)
    }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        var children: [HTMLNode] = [.el(.p, text: t(messages.body, ["organisation": kit.context.organisationName]))]
        switch self {
        case .portalUnavailable, .formExpired, .tooManyRequests:
            break
        case .expiredLink:
            children.append(.el(.a, [.class("button"), .href(kit.paths.signIn)], text: t(.requestNewLink)))
        case .notFound, .badRequest:
            children.append(.el(.a, [.class("button button-secondary"), .href(kit.paths.home)], text: t(.backHome)))
        }
        return [kit.card(title: title(kit), children)]
    }

    private var messages: (title: MessageKey, body: MessageKey) {
        switch self {
        case .notFound: (.notFoundTitle, .notFoundBody)
        case .badRequest: (.badRequestTitle, .badRequestBody)
        case .expiredLink: (.expiredLinkTitle, .expiredLinkBody)
        case .formExpired: (.formExpiredTitle, .formExpiredBody)
        case .tooManyRequests: (.tooManyRequestsTitle, .tooManyRequestsBody)
        case .portalUnavailable: (.unavailableTitle, .unavailableBody)
        }
    }
}
