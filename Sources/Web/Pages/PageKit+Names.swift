extension PageKit {
    /// The "enter your names" problem, on the first empty field, when `isNameMissing`.
    func nameProblem(givenName: String, isNameMissing: Bool) -> (fieldID: String, message: String)? {
        isNameMissing ? (givenName.isEmpty ? "givenName" : "familyName", t(.missingName)) : nil
    }

    /// The first- and last-name fields (ids `givenName` and `familyName`), with `problem`
    /// shown on its field.
    func nameFields(givenName: String, familyName: String, problem: (fieldID: String, message: String)?) -> HTMLNode {
        .fragment([
            textField(id: "givenName", name: PortalField.givenName, label: t(.givenNameLabel), value: givenName,
                      autocomplete: "given-name", error: problem?.fieldID == "givenName" ? problem?.message : nil,
                      isRequired: true, extra: [.maxlength(200)]),
            textField(id: "familyName", name: PortalField.familyName, label: t(.familyNameLabel), value: familyName,
                      autocomplete: "family-name", error: problem?.fieldID == "familyName" ? problem?.message : nil,
                      isRequired: true, extra: [.maxlength(200)]),
        ])
    }
}
