import Coffee
import FoundationEssentials
import HTTP
import Web

/// Editing a program from the console (issue 13, item 7) through
/// ``ProgramService/update(_:tenant:at:_:)``, the admin API's `PATCH /programs/{id}`
/// service: the form is decoded here into a ``ProgramDraft`` and every rule is the
/// domain's (``ProgramTransition/update(_:with:at:)``, ``ProgramDraft/validationErrors``).
/// "Count" shows the audience's size through ``ProgramService/audienceCount(_:tenant:)``
/// and saves nothing.
extension ConsoleEndpoints {
    func registerProgramEdit(on router: inout Router) {
        router.add(.get, ConsolePaths.programs + "/{id}/edit") { request in
            await handle(request, access: .signedIn) { visit in
                let program = try await services.programs.program(ProgramID(request.pathParameters["id"] ?? ""), tenant: visit.tenant,
                                                                  visibleTo: visit.programViewer)
                return try await editPage(visit, program: program, form: Self.form(of: program.draft))
            }
        }
        router.add(.post, ConsolePaths.programs + "/{id}/edit") { request in
            await handle(request, access: .signedIn, unsafe: true) { visit in
                let program = try await services.programs.program(ProgramID(request.pathParameters["id"] ?? ""), tenant: visit.tenant,
                                                                  visibleTo: visit.programViewer)
                let form = Self.form(from: visit.form)
                let t = ConsoleLocalizer(visit.language)
                let audience: Audience
                do {
                    // A program bound to a connection (a Teams team, through the admin API)
                    // shows no audience choice checked: a form that sends none keeps it.
                    let keepsBinding = (visit.form?[ConsoleField.audience] ?? "").isEmpty && program.draft.audience.dependsOnSources
                    audience = keepsBinding ? program.draft.audience : try Self.audience(of: form)
                } catch {
                    return try await editPage(visit, program: program, form: form, status: 400,
                                              problem: t(.programEditInvalid, ["problem": t(.audienceExpressionInvalid)]))
                }
                if visit.form?[ConsoleField.intent] == "count" {
                    do {
                        let count = try await services.programs.audienceCount(audience, tenant: visit.tenant)
                        return try await editPage(visit, program: program, form: form, count: count)
                    } catch ServiceError.invalid {
                        return try await editPage(visit, program: program, form: form, status: 400,
                                                  problem: t(.programEditInvalid, ["problem": t(.programEditFieldsInvalid)]))
                    }
                }
                let refused = { () async throws -> HTTPResponse in
                    try await editPage(visit, program: program, form: form, status: 400,
                                       problem: t(.programEditInvalid, ["problem": t(.programEditFieldsInvalid)]))
                }
                guard let groupSize = Int(form.groupSize), let repeatWindow = Int(form.repeatWindow), !form.name.isEmpty,
                      let rules = Self.rules(of: form) else { return try await refused() }
                let kept = program.draft.rules.filter { Self.category(of: $0) == nil }
                guard let schedule = Self.schedule(of: form, base: program.draft.schedule, now: visit.now) else { return try await refused() }
                let owners = Self.postedOwners(visit)
                do {
                    if let owners { _ = try await services.programs.checkOwners(owners, tenant: visit.tenant) }
                } catch ServiceError.invalid {
                    return try await editPage(visit, program: program, form: form, status: 400,
                                              problem: t(.programEditInvalid, ["problem": t(.ownersNotListed)]))
                }
                do {
                    _ = try await services.programs.update(program.id, tenant: visit.tenant, at: visit.now, owners: owners,
                                                           by: visit.programViewer) { base, _ in
                        var draft = base ?? ProgramDraft(name: form.name, schedule: schedule)
                        draft.name = form.name
                        draft.audience = audience
                        draft.participationMode = form.participation == "optIn" ? .optIn : .automatic
                        draft.groupSize = groupSize
                        draft.repeatWindow = repeatWindow
                        draft.rules = rules + kept
                        draft.schedule = schedule
                        return draft
                    }
                } catch let error as ProgramError {
                    return try await editPage(visit, program: program, form: form, status: 400,
                                              problem: t(.programEditInvalid, ["problem": error.description + "."]))
                } catch ServiceError.invalid, ServiceError.notFound, ServiceError.conflict {
                    return try await refused()
                }
                return Self.redirect(to: ConsolePaths.program(program.id.rawValue))
            }
        }
    }

    private func editPage(_ visit: ConsoleVisit, program: Program, form: ConsoleProgramEditPage.Form, status: Int = 200,
                          count: Int? = nil, problem: String? = nil) async throws -> HTTPResponse {
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        let groups = try await services.programs.audienceGroups(tenant: visit.tenant)
        let t = ConsoleLocalizer(visit.language)
        var page = ConsoleProgramEditPage(
            programID: program.id.rawValue, programName: program.name, form: form,
            categories: catalog.categories.map { .init(value: $0.key.rawValue, label: $0.label) },
            groups: groups.map { .init(value: $0.id.rawValue, label: "\($0.displayName) (\($0.memberCount))") },
            keptRules: program.draft.rules.filter { Self.category(of: $0) == nil }.map { Self.ruleLabel($0, t) },
            audienceCount: count, problem: problem)
        let owners = try await services.programs.owners(of: program.id, tenant: visit.tenant, visibleTo: visit.programViewer)
        page.owners = try await ownersBlock(visit, owners: Self.postedOwners(visit) ?? owners.map(\.rawValue))
        return visit.page(page, section: .programs, status: status)
    }

    /// The form showing `draft`.
    static func form(of draft: ProgramDraft) -> ConsoleProgramEditPage.Form {
        var form = ConsoleProgramEditPage.Form()
        form.name = draft.name
        form.groupSize = String(draft.groupSize)
        form.repeatWindow = String(draft.repeatWindow)
        form.participation = draft.participationMode == .optIn ? "optIn" : "automatic"
        switch draft.audience {
        case .allMembers: form.audience = "all"
        case .group(let group): form.audience = "group"; form.audienceGroup = group.rawValue
        case .categories(let expression): form.audience = "categories"; form.audienceExpression = expression.description
        case .connection: form.audience = "connection"  // Bound through the admin API; no choice on the form keeps it.
        }
        form.rules = draft.rules.compactMap { rule in
            switch rule {
            case .differentValue(let category, _): .init(kind: "differentValue", category: category)
            case .sameValue(let category, _): .init(kind: "sameValue", category: category)
            default: nil
            }
        }
        switch draft.schedule {
        case .once(let at, let opens):
            form.schedule = "once"
            form.onceAt = String(format(at).prefix(16)).replacingOccurrences(of: " ", with: "T")
            form.optInDays = String(opens.map { Int((at.timeIntervalSince($0) / 86_400).rounded(.up)) } ?? 0)
        case .recurring(let everyWeeks, let weekday, let time, let timeZone, let window, _):
            form.schedule = "recurring"
            form.optInDays = String(Int((window / 86_400).rounded(.up)))
            form.everyWeeks = String(everyWeeks)
            form.weekday = String(weekday)
            form.time = time.description
            form.timeZone = timeZone
        }
        return form
    }

    /// The form as posted.
    static func form(from data: FormData?) -> ConsoleProgramEditPage.Form {
        func field(_ name: String) -> String { data?[name]?.trimmingCharacters(in: .whitespaces) ?? "" }
        var form = ConsoleProgramEditPage.Form()
        form.name = field(ConsoleField.name)
        form.groupSize = field(ConsoleField.groupSize)
        form.repeatWindow = field(ConsoleField.repeatWindow)
        form.participation = field(ConsoleField.participation) == "optIn" ? "optIn" : "automatic"
        form.audience = ["group", "categories"].contains(field(ConsoleField.audience)) ? field(ConsoleField.audience) : "all"
        form.audienceGroup = field(ConsoleField.audienceGroup)
        form.audienceExpression = field(ConsoleField.audienceExpression)
        form.rules = (0..<ConsoleProgramEditPage.ruleRows).map { index in
            .init(kind: field(ConsoleField.rule + String(index)), category: field(ConsoleField.ruleCategory + String(index)))
        }
        form.schedule = field(ConsoleField.schedule) == "recurring" ? "recurring" : "once"
        form.onceAt = field(ConsoleField.matchAt)
        form.everyWeeks = field(ConsoleField.everyWeeks)
        form.weekday = field(ConsoleField.weekday)
        form.time = field(ConsoleField.time)
        form.timeZone = field(ConsoleField.timeZone)
        form.optInDays = field(ConsoleField.optInDays)
        return form
    }

    /// The form's audience; throws when its expression does not parse.
    static func audience(of form: ConsoleProgramEditPage.Form) throws -> Audience {
        switch form.audience {
        case "group": return .group(GroupID(form.audienceGroup))
        case "categories": return .categories(try AudienceExpression(parsing: form.audienceExpression))
        default: return .allMembers
        }
    }

    /// The form's rules in row order (rows set to none skipped); nil when a rule has no category.
    static func rules(of form: ConsoleProgramEditPage.Form) -> [MatchingRule]? {
        var rules: [MatchingRule] = []
        for row in form.rules {
            switch row.kind {
            case "none", "": continue
            case "differentValue" where !row.category.isEmpty: rules.append(.differentValue(category: row.category))
            case "sameValue" where !row.category.isEmpty: rules.append(.sameValue(category: row.category))
            default: return nil
            }
        }
        return rules
    }

    /// The form's schedule: the opt-in period is the form's days before each match; a
    /// recurring schedule keeps its start from `base`. Nil when a field does not parse
    /// (the domain checks the ranges).
    static func schedule(of form: ConsoleProgramEditPage.Form, base: Schedule, now: Date) -> Schedule? {
        guard let days = Int(form.optInDays.isEmpty ? "0" : form.optInDays), (0...28).contains(days) else { return nil }
        let window = TimeInterval(days * 86_400)
        if form.schedule == "once" {
            guard let at = parseMinute(form.onceAt) else { return nil }
            return .once(at: at, optInOpensAt: days > 0 ? at.addingTimeInterval(-window) : nil)
        }
        let parts = form.time.split(separator: ":")
        guard let everyWeeks = Int(form.everyWeeks), let weekday = Int(form.weekday), parts.count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), !form.timeZone.isEmpty else { return nil }
        var start = now
        if case .recurring(_, _, _, _, _, let baseStart) = base { start = baseStart }
        return .recurring(everyWeeks: everyWeeks, weekday: weekday, time: TimeOfDay(hour: hour, minute: minute),
                          timeZoneIdentifier: form.timeZone, optInWindow: window, startingFrom: start)
    }
}
