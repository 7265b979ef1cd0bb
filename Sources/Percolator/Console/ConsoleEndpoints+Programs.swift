import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// Programs and sessions: the list, creating a program (name, group size, participation,
/// one `differentValue`/`sameValue` rule), a program's sessions, adding one, matching it
/// now and reading its groups, through ``ProgramService`` and ``SessionService``.
/// Administrators and program managers both reach these pages; a program manager only for
/// the programs it owns (``ProgramViewer``: another answers 404).
extension ConsoleEndpoints {
    func registerPrograms(on router: inout Router) {
        router.add(.get, ConsolePaths.programs) { request in
            await handle(request, access: .signedIn) { visit in
                try await visit.page(programsPage(visit, form: ConsoleProgramsPage.Form(), isInvalid: false), section: .programs,
                                     notice: nil)
            }
        }
        router.add(.post, ConsolePaths.programs) { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                var form = ConsoleProgramsPage.Form()
                form.name = visit.form?[ConsoleField.name]?.trimmingCharacters(in: .whitespaces) ?? ""
                form.groupSize = visit.form?[ConsoleField.groupSize]?.trimmingCharacters(in: .whitespaces) ?? ""
                form.participation = visit.form?[ConsoleField.participation] == "optIn" ? "optIn" : "automatic"
                form.rule = visit.form?[ConsoleField.rule] ?? "none"
                form.ruleCategory = visit.form?[ConsoleField.ruleCategory] ?? ""
                let rule: MatchingRule?
                switch form.rule {
                case "differentValue" where !form.ruleCategory.isEmpty: rule = .differentValue(category: form.ruleCategory)
                case "sameValue" where !form.ruleCategory.isEmpty: rule = .sameValue(category: form.ruleCategory)
                case "none", "": rule = nil
                default: return try await visit.page(programsPage(visit, form: form, isInvalid: true), section: .programs, status: 400)
                }
                guard let groupSize = Int(form.groupSize), !form.name.isEmpty else {
                    return try await visit.page(programsPage(visit, form: form, isInvalid: true), section: .programs, status: 400)
                }
                if let owners = Self.postedOwners(visit) {
                    do {
                        _ = try await services.programs.checkOwners(owners, tenant: visit.tenant)
                    } catch ServiceError.invalid {
                        var page = try await programsPage(visit, form: form, isInvalid: true)
                        page.ownersRefused = true
                        return visit.page(page, section: .programs, status: 400)
                    }
                }
                let draftForm = form
                let firstSession = visit.now.addingTimeInterval(7 * 24 * 3_600)
                let program: Program
                do {
                    program = try await services.programs.create(tenant: visit.tenant, at: visit.now, id: ProgramID(RandomID.make()),
                                                                 owners: Self.postedOwners(visit), by: visit.programViewer) { _, _ in
                        ProgramDraft(name: draftForm.name, participationMode: draftForm.participation == "optIn" ? .optIn : .automatic,
                                     groupSize: groupSize, rules: rule.map { [$0] } ?? [],
                                     schedule: .once(at: firstSession, optInOpensAt: nil))
                    }
                } catch is ProgramError {
                    return try await visit.page(programsPage(visit, form: form, isInvalid: true), section: .programs, status: 400)
                } catch ServiceError.invalid, ServiceError.notFound {
                    return try await visit.page(programsPage(visit, form: form, isInvalid: true), section: .programs, status: 400)
                }
                return Self.redirect(to: ConsolePaths.program(program.id.rawValue))
            }
        }
        router.add(.get, ConsolePaths.programs + "/{id}") { request in
            await handle(request, access: .signedIn) { visit in
                let id = ProgramID(request.pathParameters["id"] ?? "")
                let program = try await services.programs.program(id, tenant: visit.tenant, visibleTo: visit.programViewer)
                let sessions = try await services.programs.listing(of: id, tenant: visit.tenant, visibleTo: visit.programViewer)
                let owners = try await services.programs.owners(of: id, tenant: visit.tenant, visibleTo: visit.programViewer)
                let t = ConsoleLocalizer(visit.language)
                let rules = program.draft.rules.map { Self.ruleLabel($0, t) }
                let facts: [ConsoleMemberPage.Fact] = [
                    .init(label: t(.statusLabel), value: t(ConsoleEmailsPage.label(ofState: Self.statusName(program.status)))),
                    .init(label: t(.groupSizeLabel), value: String(program.draft.groupSize)),
                    .init(label: t(.participationLabel),
                          value: program.participationMode == .optIn ? t(.participationOptIn) : t(.participationAutomatic)),
                    .init(label: t(.ruleHeading), value: rules.isEmpty ? t(.ruleNone) : rules.joined(separator: "; ")),
                    .init(label: t(.ownersHeading), value: owners.isEmpty ? t(.ownersNone) : owners.map(\.rawValue).joined(separator: ", ")),
                ]
                let suggested = visit.now.addingTimeInterval(3_600)
                let page = ConsoleProgramPage(
                    id: program.id.rawValue, name: program.name, facts: facts,
                    sessions: sessions.map { .init(id: $0.id.rawValue, matchAt: Self.format($0.matchAt), state: t(ConsoleEmailsPage.label(ofState: $0.state.rawValue))) },
                    suggestedMatchAt: String(Self.format(suggested).prefix(16)).replacingOccurrences(of: " ", with: "T"),
                    isDraft: program.status == .draft, status: Self.statusName(program.status))
                return visit.page(page, section: .programs)
            }
        }
        router.add(.post, ConsolePaths.programs + "/{id}/activate") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = ProgramID(request.pathParameters["id"] ?? "")
                _ = try await services.programs.perform(.activate, on: id, tenant: visit.tenant, at: visit.now, by: visit.programViewer)
                return Self.redirect(to: ConsolePaths.program(id.rawValue))
            }
        }
        router.add(.post, ConsolePaths.programs + "/{id}/sessions") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = ProgramID(request.pathParameters["id"] ?? "")
                guard let text = visit.form?[ConsoleField.matchAt], let matchAt = Self.parseMinute(text) else {
                    return visit.message(.badRequest)
                }
                let session = try await services.programs.addSession(to: id, matchAt: matchAt, tenant: visit.tenant, at: visit.now,
                                                                     by: visit.programViewer)
                return Self.redirect(to: ConsolePaths.session(session.id.rawValue))
            }
        }
        router.add(.get, "/admin/sessions/{id}") { request in
            await handle(request, access: .signedIn) { visit in
                try await sessionPage(visit, id: SessionID(request.pathParameters["id"] ?? ""))
            }
        }
        router.add(.post, "/admin/sessions/{id}/match") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = SessionID(request.pathParameters["id"] ?? "")
                _ = try await services.sessions.session(id, tenant: visit.tenant, visibleTo: visit.programViewer)
                do {
                    _ = try await services.sessions.match(id, tenant: visit.tenant, at: visit.now, by: visit.programViewer)
                } catch SessionMatcher.Failure.alreadyMatching {
                    // A second click while the first match runs: the session's page shows where it stands.
                    return Self.redirect(to: ConsolePaths.session(id.rawValue))
                } catch is SessionMatcher.Failure {
                    return visit.message(.badRequest)
                }
                return Self.redirect(to: ConsolePaths.session(id.rawValue))
            }
        }
        // Preview a matching, and the program's lifecycle (console-b)
        router.add(.post, "/admin/sessions/{id}/preview") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = SessionID(request.pathParameters["id"] ?? "")
                let text = (visit.form?[ConsoleField.seed] ?? "").trimmingCharacters(in: .whitespaces)
                let seed: UInt64?
                if text.isEmpty { seed = nil } else if let number = UInt64(text) { seed = number } else { return visit.message(.badRequest) }
                _ = try await services.sessions.session(id, tenant: visit.tenant, visibleTo: visit.programViewer)
                let outcome: SessionMatcher.Outcome
                do {
                    outcome = try await services.sessions.preview(id, seed: seed, tenant: visit.tenant, at: visit.now, by: visit.programViewer)
                } catch is SessionMatcher.Failure {
                    return visit.message(.badRequest)
                }
                return try await sessionPage(visit, id: id, seed: text, preview: (String(outcome.result.seed), outcome))
            }
        }
        for action in [ProgramAction.pause, .resume, .archive] {
            router.add(.post, ConsolePaths.programs + "/{id}/" + action.rawValue) { request in
                await handle(request, access: .signedIn, unsafe: true) { visit in
                    let id = ProgramID(request.pathParameters["id"] ?? "")
                    _ = try await services.programs.perform(action, on: id, tenant: visit.tenant, at: visit.now, by: visit.programViewer)
                    return Self.redirect(to: ConsolePaths.program(id.rawValue))
                }
            }
        }
    }

    private func programsPage(_ visit: ConsoleVisit, form: ConsoleProgramsPage.Form, isInvalid: Bool) async throws -> ConsoleProgramsPage {
        let programs = try await services.programs.programs(tenant: visit.tenant, visibleTo: visit.programViewer)
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        let owners = visit.programViewer.changesOwners ? try await services.programs.owners(tenant: visit.tenant) : [:]
        var page = ConsoleProgramsPage(
            programs: programs.map { .init(id: $0.id.rawValue, name: $0.name, status: ConsoleLocalizer(visit.language)(ConsoleEmailsPage.label(ofState: Self.statusName($0.status))), groupSize: $0.draft.groupSize) },
            categories: catalog.categories.map { (key: $0.key.rawValue, label: $0.label) }, form: form, isInvalid: isInvalid)
        for index in page.programs.indices {
            page.programs[index].owners = owners[ProgramID(page.programs[index].id)]?.map(\.rawValue).joined(separator: ", ")
        }
        page.owners = try await ownersBlock(visit, owners: Self.postedOwners(visit) ?? [])
        return page
    }

    private func sessionPage(_ visit: ConsoleVisit, id: SessionID, seed: String = "",
                             preview: (seed: String, outcome: SessionMatcher.Outcome)? = nil) async throws -> HTTPResponse {
        let session = try await services.sessions.session(id, tenant: visit.tenant, visibleTo: visit.programViewer)
        let program = try await services.programs.program(session.programID, tenant: visit.tenant, visibleTo: visit.programViewer)
        let t = ConsoleLocalizer(visit.language)
        var matching: ConsoleSessionPage.Matching?
        if session.state == .matched || session.state == .closed {
            let matches = try await services.sessions.matches(of: id, tenant: visit.tenant, limit: 500, visibleTo: visit.programViewer)
            // The page reads the groups' members; the unmatched (a few) are read for their names.
            var members = matches.members
            for entry in matches.result.unmatched.prefix(500) where members[entry.id.rawValue] == nil {
                members[entry.id.rawValue] = try? await services.members.member(MemberID(entry.id.rawValue), tenant: visit.tenant)
            }
            matching = Self.matching(matches.result, groups: matches.page, members: members, excluded: [], t)
        }
        let shown = preview.map { preview in
            (seed: preview.seed, matching: Self.matching(preview.outcome.result, groups: preview.outcome.result.groups.indices,
                                                         members: preview.outcome.members, excluded: preview.outcome.excluded, t))
        }
        let page = ConsoleSessionPage(id: session.id.rawValue, programID: program.id.rawValue, programName: program.name,
                                      state: t(ConsoleEmailsPage.label(ofState: session.state.rawValue)), matchAt: Self.format(session.matchAt),
                                      canMatch: session.state == .scheduled || session.state == .open,
                                      matching: matching, preview: shown, seed: seed)
        return visit.page(page, section: .programs)
    }

    /// The groups in `groups` of `result` (at most 500 shown), with names from `members`, the
    /// rules each satisfied, and the unmatched and excluded members with their reasons.
    static func matching(_ result: MatchingResult, groups: Range<Int>, members: [String: Member], excluded: [Exclusion],
                         _ t: ConsoleLocalizer) -> ConsoleSessionPage.Matching {
        func name(_ id: String) -> String {
            members[id].map { "\($0.givenName) \($0.familyName)" } ?? id
        }
        let rules = result.configuration.rules
        let shown = groups.prefix(500).map { index in
            let group = result.groups[index]
            return ConsoleSessionPage.Group(names: group.members.map { name($0.rawValue) },
                                            rules: group.satisfiedRules.compactMap { rules.indices.contains($0) ? ruleLabel(rules[$0], t) : nil })
        }
        return ConsoleSessionPage.Matching(
            groups: shown,
            unmatched: result.unmatched.prefix(500).map { .init(label: name($0.id.rawValue), value: reasonLabel($0.reason, t)) },
            excluded: excluded.prefix(500).map { exclusion in
                .init(label: name(exclusion.memberID.rawValue), value: exclusion.reasons.map { exclusionLabel($0, t) }.joined(separator: "; "))
            })
    }

    /// A program status's name, as the admin API writes it.
    static func statusName(_ status: ProgramStatus) -> String {
        switch status {
        case .draft: "draft"
        case .active: "active"
        case .paused: "paused"
        case .archived: "archived"
        }
    }

    /// `yyyy-mm-ddThh:mm` (an HTML `datetime-local` value) as an instant in UTC.
    static func parseMinute(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 16 else { return nil }
        return try? Date(trimmed + ":00Z", strategy: .iso8601)
    }
}
