extension LinkConfirmationPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(texts.title) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let action = switch purpose {
        case .signIn: kit.paths.signInLink
        case .signUpConfirmation: kit.paths.signUpConfirmation
        }
        return [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: kit.t(texts.body, ["organisation": kit.context.organisationName])),
            kit.postForm(action, [
                kit.hidden(PortalField.token, token),
                kit.button(kit.t(texts.submit), style: "button button-block"),
            ]),
        ])]
    }

    private var texts: (title: MessageKey, body: MessageKey, submit: MessageKey) {
        switch purpose {
        case .signIn: (.signInTitle, .signInLinkBody, .signInLinkSubmit)
        case .signUpConfirmation: (.signUpConfirmTitle, .signUpConfirmBody, .signUpConfirmSubmit)
        }
    }
}
