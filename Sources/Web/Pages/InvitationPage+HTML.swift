extension InvitationPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.invitationTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        let givenError = isNameMissing && givenName.isEmpty ? t(.missingName) : nil
        let familyError = isNameMissing && !givenName.isEmpty ? t(.missingName) : nil
        return [kit.card(title: title(kit), [
            .el(.p, [.class("lede")], text: t(.invitationBody, ["organisation": kit.context.organisationName])),
            .el(.dl, [.class("facts")], [
                .el(.dt, text: t(.invitationFor)),
                .el(.dd, [], [.isolated(email)]),
            ]),
            kit.errorSummary(isNameMissing ? [(givenError != nil ? "givenName" : "familyName", t(.missingName))] : []),
            kit.postForm(kit.paths.invitationAccept, [
                kit.hidden(PortalField.token, token),
                .el(.p, [.class("muted")], text: t(.invitationNamesHint)),
                kit.textField(id: "givenName", name: PortalField.givenName, label: t(.givenNameLabel), value: givenName,
                              autocomplete: "given-name", error: givenError, isRequired: true, extra: [.maxlength(200)]),
                kit.textField(id: "familyName", name: PortalField.familyName, label: t(.familyNameLabel), value: familyName,
                              autocomplete: "family-name", error: familyError, isRequired: true, extra: [.maxlength(200)]),
                kit.button(t(.invitationAccept), style: "button button-block"),
            ]),
            .el(.p, [.class("muted")], [.el(.small, text: t(.invitationExpires, ["date": expiresOn]) + " " + t(.invitationWhyClick))]),
        ])]
    }
}
