extension SignInPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.signInTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        let error = isEmailInvalid ? t(.invalidEmail) : nil
        return [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: t(.signInIntro)),
            kit.errorSummary(error.map { [("email", $0)] } ?? []),
            kit.postForm(kit.paths.signIn, [
                kit.textField(id: "email", name: PortalField.email, label: t(.emailLabel), value: email, type: "email",
                              autocomplete: "email", hint: t(.emailHint), error: error, isRequired: true,
                              extra: [.inputmode("email"), .maxlength(254)]),
                kit.button(t(.signInSubmit), style: "button button-block"),
            ]),
        ])]
    }
}
