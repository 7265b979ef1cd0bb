/// The console's sign-in page: paste an admin token once, or ask for a magic link sent
/// to an address on the organisation's list of administrators.
public struct ConsoleSignInPage: Sendable, Hashable {
    /// Whether the pasted token was refused.
    public var isTokenRefused: Bool
    /// The address typed, kept when the page is shown again.
    public var email: String

    /// Creates the page.
    public init(isTokenRefused: Bool = false, email: String = "") {
        self.isTokenRefused = isTokenRefused
        self.email = email
    }
}

extension ConsoleSignInPage: ConsolePageContent {
    var isNarrow: Bool { true }

    func title(_ kit: ConsoleKit) -> String { kit.t(.signInTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let error = isTokenRefused ? t(.tokenRefused) : nil
        return [
            forms.card(title: title(kit), [
                .el(.p, [.class("lede")], text: t(.signInIntro, ["organisation": kit.context.organisationName])),
                forms.errorSummary(error.map { [("token", $0)] } ?? []),
                .el(.h2, text: t(.tokenHeading)),
                kit.postForm(ConsolePaths.signIn, [
                    forms.textField(id: "token", name: ConsoleField.token, label: t(.tokenLabel), value: "", type: "password",
                                    autocomplete: "off", hint: t(.tokenHint), error: error, isRequired: true,
                                    extra: [.maxlength(256)]),
                    forms.button(t(.tokenSubmit), style: "button button-block"),
                ]),
            ]),
            .el(.section, [.class("card")], [
                .el(.h2, text: t(.emailHeading)),
                kit.postForm(ConsolePaths.signInEmail, [
                    forms.textField(id: "email", name: ConsoleField.email, label: t(.emailLabel), value: email, type: "email",
                                    autocomplete: "email", isRequired: true, extra: [.inputmode("email"), .maxlength(254)]),
                    forms.button(t(.emailSubmit), style: "button button-secondary button-block"),
                ]),
            ]),
        ]
    }
}
