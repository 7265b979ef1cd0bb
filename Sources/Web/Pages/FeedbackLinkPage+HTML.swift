extension FeedbackLinkPage: PortalPageContent {
    var isNarrow: Bool { true }

    func title(_ kit: PageKit) -> String { kit.t(.feedbackTitle) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        return [.el(.section, [.class("card")], [
            .el(.h1, text: title(kit)),
            .el(.p, [.class("muted")], text: t(.feedbackIntro, ["organisation": kit.context.organisationName])),
            .el(.p, [], [.el(.strong, [], [.isolated(match.programName)]), .text(" · " + match.sessionDate)]),
            match.people,
            match.feedbackForm(anchor: "feedback", action: kit.paths.feedbackLink, token: token, kit),
        ])]
    }
}
