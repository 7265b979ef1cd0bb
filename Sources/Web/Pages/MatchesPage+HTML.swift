extension MatchesPage: PortalPageContent {
    var isNarrow: Bool { false }

    func title(_ kit: PageKit) -> String { kit.t(.navMatches) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        var nodes: [HTMLNode] = [.el(.h1, text: title(kit)), .el(.p, [.class("lede")], text: t(.matchesIntro))]
        if current.isEmpty && past.isEmpty {
            nodes.append(.el(.section, [.class("card")], [.el(.p, text: t(.matchesEmpty))]))
            return nodes
        }
        if !current.isEmpty {
            nodes.append(.el(.h2, text: t(.matchesCurrent)))
            nodes += current.enumerated().map { index, card in card.render(anchor: "current-\(index)", kit) }
        }
        if !past.isEmpty {
            nodes.append(.el(.h2, text: t(.matchesPast)))
            nodes += past.enumerated().map { index, card in card.render(anchor: "past-\(index)", kit) }
        }
        return nodes
    }
}

extension MatchCard {
    func render(anchor: String, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        return .el(.article, [.class("card"), .id(anchor), .aria("labelledby", anchor + "-title")], [
            .el(.div, [.class("card-header")], [
                .el(.h3, [.id(anchor + "-title")], [.isolated(programName)]),
                .el(.span, [.class("muted")], text: sessionDate),
            ]),
            .el(.p, [.class("visually-hidden")], text: t(.partnersLabel)),
            people,
            comparisonTable(kit),
            asksForFeedback ? feedbackForm(anchor: anchor, action: kit.paths.matchFeedback(groupID), token: nil, kit) : .empty,
        ])
    }

    /// The partners, each with an initial, a name and a mail link.
    var people: HTMLNode {
        .el(.div, [.class("people")], partners.map { partner in
            .el(.div, [.class("person")], [
                .el(.span, [.class("avatar"), .aria("hidden", "true")], text: partner.name.first.map { String($0).uppercased() } ?? "?"),
                .el(.span, [.class("person-text")], [
                    .el(.span, [.class("person-name")], [.isolated(partner.name)]),
                    .el(.a, [.class("person-email"), .href(MailtoURI.to(partner.email))], [.isolated(partner.email)]),
                ]),
            ])
        })
    }

    private func comparisonTable(_ kit: PageKit) -> HTMLNode {
        guard !comparisons.isEmpty else { return .empty }
        let t = kit.t
        return .el(.div, [.class("table-wrap")], [
            .el(.table, [.class("comparison")], [
                .el(.thead, [], [.el(.tr, [], [
                    .el(.th, [.scope("col")], text: t(.comparisonCategory)),
                    .el(.th, [.scope("col")], text: t(.comparisonYou)),
                    .el(.th, [.scope("col")], text: t(.comparisonThem)),
                    .el(.th, [.scope("col")], [.el(.span, [.class("visually-hidden")], text: t(.comparisonShared))]),
                ])]),
                .el(.tbody, [], comparisons.map { row in
                    .el(.tr, [], [
                        .el(.th, [.scope("row")], [.isolated(row.category)]),
                        .el(.td, [.data("label", t(.comparisonYou))], [.isolated(row.mine)]),
                        .el(.td, [.data("label", t(.comparisonThem))], [.isolated(row.theirs)]),
                        .el(.td, [.class(row.isShared ? "same" : "different")],
                            text: t(row.isShared ? .comparisonShared : .comparisonDifferent)),
                    ])
                }),
            ]),
        ])
    }

    /// The "Did you meet?" form; `token` (a feedback link's) is posted along when given,
    /// and then ``answer`` is the link's proposal, not a recorded answer.
    func feedbackForm(anchor: String, action: String, token: String?, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        let ratingOptions = (1...5).map { (String($0), t(.ratingValue, ["rating": String($0)])) }
        return kit.postForm(action, attributes: [.class("feedback"), .data("feedback", "")], [
            token.map { kit.hidden(PortalField.token, $0) } ?? .empty,
            token == nil ? answer.map { .el(.p, [.class("muted")], text: t(.feedbackRecorded, ["answer": t($0.messageKey)])) } ?? .empty : .empty,
            kit.choices(id: anchor + "-met", name: PortalField.met, legend: t(.feedbackLegend), type: "radio",
                        options: MeetingAnswer.allCases.map { ($0.rawValue, t($0.messageKey)) },
                        checked: Set(answer.map { [$0.rawValue] } ?? [])),
            kit.select(id: anchor + "-rating", name: PortalField.rating, label: t(.ratingLabel), options: ratingOptions,
                       selected: rating.map(String.init), placeholder: t(.ratingNone)),
            kit.button(t(.feedbackSubmit), style: "button button-small"),
        ])
    }
}
