extension SignUpPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.signUpTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        let domains = allowedDomains.map { "@" + $0 }.joined(separator: ", ")
        func message(_ problem: Problem) -> (fieldID: String, message: String) {
            switch problem {
            case .missingName: kit.nameProblem(givenName: givenName, isNameMissing: true) ?? ("givenName", t(.missingName))
            case .invalidEmail: ("email", t(.invalidEmail))
            case .domainNotAllowed: ("email", t(.signUpDomainNotAllowed, ["domains": domains]))
            }
        }
        let problems = self.problems.map(message)
        func error(for field: String) -> String? { problems.first { $0.fieldID == field }?.message }
        return [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: t(.signUpIntro)),
            kit.errorSummary(problems),
            kit.postForm(kit.paths.signUp, [
                kit.hidden(PortalField.token, token),
                kit.nameFields(givenName: givenName, familyName: familyName,
                               problem: problems.first { $0.fieldID == "givenName" || $0.fieldID == "familyName" }),
                kit.textField(id: "email", name: PortalField.email, label: t(.emailLabel), value: email, type: "email",
                              autocomplete: "email",
                              hint: allowedDomains.isEmpty ? t(.emailHint) : t(.signUpAllowedDomains, ["domains": domains]),
                              error: error(for: "email"), isRequired: true, extra: [.inputmode("email"), .maxlength(254)]),
                kit.button(t(.signUpSubmit), style: "button button-block"),
            ]),
        ])]
    }
}
