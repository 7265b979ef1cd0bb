import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// Programs and sessions: the list, creating a program (name, group size, participation,
/// one `differentValue`/`sameValue` rule), a program's sessions, adding one, matching it
/// now and reading its groups, through ``ProgramService`` and ``SessionService``.
/// Administrators and program managers both reach these pages.
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
                let draftForm = form
                let firstSession = visit.now.addingTimeInterval(7 * 24 * 3_600)
                let program: Program
                do {
                    program = try await services.programs.create(tenant: visit.tenant, at: visit.now, id: ProgramID(RandomID.make())) { _, _ in
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
                let program = try await services.programs.program(id, tenant: visit.tenant)
                let sessions = try await services.programs.sessions(of: id, tenant: visit.tenant)
                let t = ConsoleLocalizer(visit.language)
                let rules = program.draft.rules.map { rule -> String in
                    switch rule {
                    case .differentValue(let category, _): t(.ruleDifferent) + " " + category
                    case .sameValue(let category, _): t(.ruleSame) + " " + category
                    default: String(describing: rule)
                    }
                }
                let facts: [ConsoleMemberPage.Fact] = [
                    .init(label: t(.statusLabel), value: t(ConsoleEmailsPage.label(ofState: Self.statusName(program.status)))),
                    .init(label: t(.groupSizeLabel), value: String(program.draft.groupSize)),
                    .init(label: t(.participationLabel),
                          value: program.participationMode == .optIn ? t(.participationOptIn) : t(.participationAutomatic)),
                    .init(label: t(.ruleHeading), value: rules.isEmpty ? t(.ruleNone) : rules.joined(separator: "; ")),
                ]
                let suggested = visit.now.addingTimeInterval(3_600)
                let page = ConsoleProgramPage(
                    id: program.id.rawValue, name: program.name, facts: facts,
                    sessions: sessions.map { .init(id: $0.id.rawValue, matchAt: Self.format($0.matchAt), state: t(ConsoleEmailsPage.label(ofState: $0.state.rawValue))) },
                    suggestedMatchAt: String(Self.format(suggested).prefix(16)).replacingOccurrences(of: " ", with: "T"),
                    isDraft: program.status == .draft)
                return visit.page(page, section: .programs)
            }
        }
        router.add(.post, ConsolePaths.programs + "/{id}/activate") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = ProgramID(request.pathParameters["id"] ?? "")
                _ = try await services.programs.perform(.activate, on: id, tenant: visit.tenant, at: visit.now)
                return Self.redirect(to: ConsolePaths.program(id.rawValue))
            }
        }
        router.add(.post, ConsolePaths.programs + "/{id}/sessions") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let id = ProgramID(request.pathParameters["id"] ?? "")
                guard let text = visit.form?[ConsoleField.matchAt], let matchAt = Self.parseMinute(text) else {
                    return visit.message(.badRequest)
                }
                let session = try await services.programs.addSession(to: id, matchAt: matchAt, tenant: visit.tenant, at: visit.now)
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
                _ = try await services.sessions.session(id, tenant: visit.tenant)
                do {
                    _ = try await services.sessions.match(id, tenant: visit.tenant, at: visit.now)
                } catch is SessionMatcher.Failure {
                    return visit.message(.badRequest)
                }
                return Self.redirect(to: ConsolePaths.session(id.rawValue))
            }
        }
    }

    private func programsPage(_ visit: ConsoleVisit, form: ConsoleProgramsPage.Form, isInvalid: Bool) async throws -> ConsoleProgramsPage {
        let programs = try await services.programs.programs(tenant: visit.tenant)
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        return ConsoleProgramsPage(
            programs: programs.map { .init(id: $0.id.rawValue, name: $0.name, status: ConsoleLocalizer(visit.language)(ConsoleEmailsPage.label(ofState: Self.statusName($0.status))), groupSize: $0.draft.groupSize) },
            categories: catalog.categories.map { (key: $0.key.rawValue, label: $0.label) }, form: form, isInvalid: isInvalid)
    }

    private func sessionPage(_ visit: ConsoleVisit, id: SessionID) async throws -> HTTPResponse {
        let session = try await services.sessions.session(id, tenant: visit.tenant)
        let program = try await services.programs.program(session.programID, tenant: visit.tenant)
        var groups: [[String]] = []
        var unmatched: [ConsoleMemberPage.Fact] = []
        if session.state == .matched || session.state == .closed {
            let matches = try await services.sessions.matches(of: id, tenant: visit.tenant, limit: 500)
            func name(_ participant: ParticipantID) -> String {
                matches.members[participant.rawValue].map { "\($0.givenName) \($0.familyName)" } ?? participant.rawValue
            }
            groups = matches.result.groups[matches.page].map { $0.members.map(name) }
            unmatched = matches.result.unmatched.map { .init(label: name($0.id), value: String(describing: $0.reason)) }
        }
        let page = ConsoleSessionPage(id: session.id.rawValue, programID: program.id.rawValue, programName: program.name,
                                      state: ConsoleLocalizer(visit.language)(ConsoleEmailsPage.label(ofState: session.state.rawValue)), matchAt: Self.format(session.matchAt),
                                      canMatch: session.state == .scheduled || session.state == .open,
                                      groups: groups, unmatched: unmatched)
        return visit.page(page, section: .programs)
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
