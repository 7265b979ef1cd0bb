/// The add-a-member form: first name, last name, email (all mandatory) and whether to
/// send the welcome email.
public struct ConsoleAddMemberPage: Sendable, Hashable {
    /// What was typed, kept when the form comes back with a problem.
    public var givenName, familyName, email: String
    /// Whether the welcome email is chosen.
    public var sendsWelcome: Bool
    /// The form's problem, if any.
    public var problem: ConsoleMessageKey?

    /// Creates the page.
    public init(givenName: String = "", familyName: String = "", email: String = "", sendsWelcome: Bool = true,
                problem: ConsoleMessageKey? = nil) {
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.sendsWelcome = sendsWelcome
        self.problem = problem
    }
}

extension ConsoleAddMemberPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.addMemberTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        let fieldID = problem == .emailTaken ? "email" : (givenName.isEmpty ? "givenName" : (familyName.isEmpty ? "familyName" : "email"))
        return [
            .el(.section, [.class("card")], [
                forms.errorSummary(problem.map { [(fieldID, t($0))] } ?? []),
                kit.postForm(ConsolePaths.newMember, [
                    forms.textField(id: "givenName", name: ConsoleField.givenName, label: t(.givenNameLabel), value: givenName,
                                    autocomplete: "off", isRequired: true, extra: [.maxlength(200)]),
                    forms.textField(id: "familyName", name: ConsoleField.familyName, label: t(.familyNameLabel), value: familyName,
                                    autocomplete: "off", isRequired: true, extra: [.maxlength(200)]),
                    forms.textField(id: "email", name: ConsoleField.email, label: t(.memberEmailLabel), value: email, type: "email",
                                    autocomplete: "off", isRequired: true, extra: [.maxlength(254)]),
                    forms.choices(id: "welcome", name: ConsoleField.welcome, legend: t(.welcomeLabel), type: "radio",
                                  options: [("yes", t(.welcomeYes)), ("no", t(.welcomeNo))],
                                  checked: [sendsWelcome ? "yes" : "no"]),
                    forms.button(t(.addSubmit)),
                ]),
            ]),
        ]
    }
}
