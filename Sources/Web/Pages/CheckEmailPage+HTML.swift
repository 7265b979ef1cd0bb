extension CheckEmailPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.checkEmailTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        return [.el(.section, [.class("card")], [
            .el(.div, [.class("hero-icon"), .aria("hidden", "true")], text: "✉"),
            .el(.h1, text: title(kit)),
            .el(.p, text: t(.checkEmailBody, ["email": email, "organisation": kit.context.organisationName])),
            .el(.p, text: t(.checkEmailExpiry, ["minutes": String(expiresInMinutes)])),
            .el(.p, [.class("muted")], text: t(.checkEmailHint)),
            .el(.a, [.class("button button-secondary"), .href(kit.paths.signIn)], text: t(.checkEmailRetry)),
        ])]
    }
}
