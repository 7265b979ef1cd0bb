extension SignInLinkPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.signInTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: kit.t(.signInLinkBody)),
            kit.postForm(kit.paths.signInLink, [
                kit.hidden(PortalField.token, token),
                kit.button(kit.t(.signInLinkSubmit), style: "button button-block"),
            ]),
        ])]
    }
}
