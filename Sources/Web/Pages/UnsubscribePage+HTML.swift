extension UnsubscribePage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String {
        switch self {
        case .confirm: kit.t(.unsubscribeTitle)
        case .unsubscribed: kit.t(.unsubscribedTitle)
        case .resubscribed: kit.t(.welcomeBackTitle)
        }
    }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        switch self {
        case .confirm(let token):
            return [kit.card(title: title(kit), [
                .el(.p, text: t(.unsubscribeBody, ["organisation": kit.context.organisationName])),
                kit.postForm(kit.paths.unsubscribe, [
                    kit.hidden(PortalField.token, token), kit.button(t(.unsubscribeSubmit), style: "button button-danger"),
                ]),
            ])]
        case .unsubscribed(let token):
            return [kit.card(title: title(kit), [
                .el(.p, text: t(.unsubscribedBody)),
                kit.postForm(kit.paths.resubscribe, [
                    kit.hidden(PortalField.token, token), kit.button(t(.comeBack), style: "button button-secondary"),
                ]),
            ])]
        case .resubscribed:
            return [kit.card(title: title(kit), [
                .el(.p, text: t(.welcomeBackBody)),
                .el(.a, [.class("button"), .href(kit.paths.home)], text: t(.backHome)),
            ])]
        }
    }
}
