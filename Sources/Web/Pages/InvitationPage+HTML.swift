extension InvitationPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.invitationTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        let problem = kit.nameProblem(givenName: givenName, isNameMissing: isNameMissing)
        return [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: t(.invitationBody, ["organisation": kit.context.organisationName])),
            .el(.dl, [.class("facts")], [
                .el(.dt, text: t(.invitationFor)),
                .el(.dd, [], [.isolated(email)]),
            ]),
            kit.errorSummary(problem.map { [$0] } ?? []),
            kit.postForm(kit.paths.invitationAccept, [
                kit.hidden(PortalField.token, token),
                .el(.p, [.class("muted")], text: t(.invitationNamesHint)),
                kit.nameFields(givenName: givenName, familyName: familyName, problem: problem),
                kit.button(t(.invitationAccept), style: "button button-block"),
            ]),
            .el(.p, [.class("muted")], [.el(.small, text: t(.invitationExpires, ["date": expiresOn]) + " " + t(.invitationWhyClick))]),
        ])]
    }
}
