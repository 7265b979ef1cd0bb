extension ProgramsPage: PortalPageContent {
    var isNarrow: Bool { false }

    func title(_ kit: PageKit) -> String { kit.t(.navPrograms) }

    func content(_ kit: PageKit) -> [HTMLNode] {
        let t = kit.t
        return [
            .el(.h1, text: title(kit)),
            .el(.p, [.class("lede")], text: t(.programsIntro)),
            snooze.until.map { .el(.div, [.class("notice notice-paused"), .role("status")], [
                .el(.p, text: t(.statusAllSnoozed, ["date": $0])),
                .el(.a, [.href("#all-snooze")], text: t(.snoozeEnd)),
            ]) } ?? .empty,
            programs.isEmpty
                ? .el(.section, [.class("card")], [.el(.p, text: kit.t(.programsEmpty))])
                : .fragment(programs.enumerated().map { index, program in program.render(index: index, breakFromAll: snooze.until, kit) }),
            programs.isEmpty ? .empty : .el(.section, [.class("card"), .aria("labelledby", "all-snooze")], [
                .el(.h2, [.id("all-snooze")], text: t(.snoozeAllHeading)),
                .el(.p, [.class("muted")], text: snooze.until.map { t(.statusAllSnoozed, ["date": $0]) } ?? t(.snoozeAllIntro)),
                SnoozeForm.render(snooze, action: kit.paths.snooze, anchor: "all", kit),
            ]),
        ]
    }
}

extension ProgramCard {
    /// The card; `breakFromAll` is the member's break from every program, which the status
    /// shows when this program has no break of its own.
    func render(index: Int, breakFromAll: String?, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        let anchor = "program-\(index)"
        return .el(.article, [.class("card"), .id(anchor), .aria("labelledby", anchor + "-name")], [
            .el(.div, [.class("card-header")], [
                .el(.h2, [.id(anchor + "-name")], [.isolated(name)]),
                status(breakFromAll: breakFromAll, kit),
            ]),
            .el(.dl, [.class("facts")], [
                .el(.dt, text: t(.scheduleLabel)), .el(.dd, text: schedule),
                .el(.dt, text: t(.nextSessionLabel)), .el(.dd, text: nextSession ?? t(.noNextSession)),
            ]),
            hasLeft ? .empty : .el(.p, [.class("muted")], text: {
                if case .optIn = participation { return t(.participationOptIn) }
                return t(.participationAutomatic)
            }()),
            .el(.div, [.class("actions")], hasLeft
                ? [kit.postForm(kit.paths.programMembership(id), [
                    kit.hidden(PortalField.choice, "rejoin"), kit.button(t(.rejoinProgram)),
                  ])]
                : [participationForm(kit)]),
            hasLeft ? .empty : snoozeSection(anchor: anchor, kit),
            hasLeft ? .empty : avoidSection(anchor: anchor, kit),
            hasLeft ? .empty : .el(.div, [.class("section actions")], [
                kit.postForm(kit.paths.programMembership(id), attributes: [.data("confirm", t(.leaveConfirm))], [
                    kit.hidden(PortalField.choice, "leave"),
                    kit.button(t(.leaveProgram), style: "button button-danger button-small"),
                ]),
            ]),
        ])
    }

    private func status(breakFromAll: String?, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        if hasLeft { return .el(.span, [.class("badge")], text: t(.statusLeft)) }
        if let until = snooze.until ?? breakFromAll { return .el(.span, [.class("badge badge-paused")], text: t(.statusSnoozed, ["date": until])) }
        switch participation {
        case .optIn(true), .automatic(false): return .el(.span, [.class("badge badge-in")], text: t(.statusIn))
        case .optIn(false): return .el(.span, [.class("badge")], text: t(.statusOut))
        case .automatic(true): return .el(.span, [.class("badge")], text: t(.statusSkipping))
        }
    }

    private func participationForm(_ kit: PageKit) -> HTMLNode {
        let t = kit.t
        let (choice, label, style): (String, MessageKey, String) = switch participation {
        case .optIn(true): ("opt-out", .optOut, "button button-secondary")
        case .optIn(false): ("opt-in", .optIn, "button")
        case .automatic(false): ("skip", .skipNext, "button button-secondary")
        case .automatic(true): ("unskip", .unskipNext, "button")
        }
        return kit.postForm(kit.paths.programParticipation(id), [
            kit.hidden(PortalField.choice, choice), kit.button(t(label), style: style),
        ])
    }

    private func snoozeSection(anchor: String, _ kit: PageKit) -> HTMLNode {
        .el(.section, [.class("section"), .aria("labelledby", anchor + "-snooze")], [
            .el(.h3, [.id(anchor + "-snooze")], text: kit.t(.snoozeHeading)),
            SnoozeForm.render(snooze, action: kit.paths.programSnooze(id), anchor: anchor, kit),
        ])
    }

    private func avoidSection(anchor: String, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        let searchID = anchor + "-search"
        return .el(.section, [.class("section"), .aria("labelledby", anchor + "-avoid")], [
            .el(.h3, [.id(anchor + "-avoid")], text: t(.avoidHeading)),
            .el(.p, [.class("muted")], text: t(.avoidIntro)),
            avoided.isEmpty
                ? .el(.p, [.class("muted")], [.el(.em, text: t(.avoidEmpty))])
                : .el(.ul, [.class("plain-list")], avoided.map { person in
                    .el(.li, [], [
                        Self.personLabel(person),
                        kit.postForm(kit.paths.programAvoid(id), [
                            kit.hidden(PortalField.member, person.id), kit.hidden(PortalField.choice, "remove"),
                            kit.button(t(.remove), style: "button button-secondary button-small",
                                       extra: [.aria("label", t(.avoidRemove, ["name": person.name]))]),
                        ]),
                    ])
                }),
            // A search reads and changes nothing: GET, so it needs no CSRF token and
            // keeps the token out of URLs, logs and Referer headers.
            .el(.form, [.method("get"), .action(kit.paths.programs + "#" + anchor), .class("search-row"), .role("search")], [
                .el(.input, [.type("hidden"), .name(PortalField.program), .value(id)]),
                kit.textField(id: searchID, name: PortalField.query, label: t(.avoidSearchLabel), value: search?.query ?? "",
                              type: "search", autocomplete: "off", extra: [.maxlength(100)]),
                kit.button(t(.avoidSearchSubmit), style: "button button-secondary"),
            ]),
            searchResults(kit),
        ])
    }

    private func searchResults(_ kit: PageKit) -> HTMLNode {
        guard let search, !search.query.isEmpty else { return .empty }
        let t = kit.t
        guard !search.results.isEmpty else {
            return .el(.p, [.class("muted"), .role("status")], text: t(.avoidNoResults, ["query": search.query]))
        }
        return .el(.ul, [.class("plain-list")], search.results.map { person in
            .el(.li, [], [
                Self.personLabel(person),
                kit.postForm(kit.paths.programAvoid(id), [
                    kit.hidden(PortalField.member, person.id), kit.hidden(PortalField.choice, "add"),
                    kit.button(t(.avoid), style: "button button-secondary button-small",
                               extra: [.aria("label", t(.avoidAdd, ["name": person.name]))]),
                ]),
            ])
        })
    }

    private static func personLabel(_ person: MemberChoice) -> HTMLNode {
        .el(.span, [.class("person-text")], [
            .el(.span, [.class("person-name")], [.isolated(person.name)]),
            person.email.map { .el(.span, [.class("muted person-email")], [.isolated($0)]) } ?? .empty,
        ])
    }
}
