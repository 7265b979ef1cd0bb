import Coffee
import FoundationEssentials
import HTTP
import Web

/// A program's statistics (issue 13, item 8): the figures of its last N matched sessions
/// from ``ProgramService`` (the admin API's `GET /programs/{id}/statistics` pooled, plus
/// each session's), and the connections matrix over a category. Administrators and
/// program managers both reach it (a program manager for the programs it owns).
extension ConsoleEndpoints {
    func registerStatistics(on router: inout Router) {
        router.add(.get, ConsolePaths.programs + "/{id}/statistics") { request in
            await handle(request, access: .signedIn) { visit in
                try await statisticsPage(visit, program: ProgramID(request.pathParameters["id"] ?? ""))
            }
        }
    }

    /// The sessions counted when the query asks for none, and the most it may ask for.
    static let defaultLast = 10, largestLast = 104

    private func statisticsPage(_ visit: ConsoleVisit, program id: ProgramID) async throws -> HTTPResponse {
        let last = visit.request.query(ConsoleField.last).flatMap { Int($0) }.map { min(max($0, 1), Self.largestLast) } ?? Self.defaultLast
        let viewer = visit.programViewer
        let program = try await services.programs.program(id, tenant: visit.tenant, visibleTo: viewer)
        let figures = try await services.programs.sessionFigures(of: id, last: last, tenant: visit.tenant, visibleTo: viewer)
        let pooled = ProgramStatistics(summaries: figures.map(\.summary))
        let feedback = try await services.programs.feedbackStatistics(of: id, last: last, tenant: visit.tenant, visibleTo: viewer)
        let t = ConsoleLocalizer(visit.language)
        let rules = pooled.ruleSatisfaction.map(\.rule)
        let columns = figures.map { figure in
            ConsoleStatisticsPage.SessionColumn(
                id: figure.session.id.rawValue, label: String(Self.format(figure.session.matchAt).prefix(10)),
                participation: figure.participationRate, meetingRate: figure.feedback.meetingRate,
                rating: figure.feedback.averageRating, repeatRate: figure.repeatRate,
                ruleRates: rules.map { rule in figure.ruleRates.first { $0.rule == rule }?.rate ?? nil })
        }
        let total = ConsoleStatisticsPage.SessionColumn(
            id: "", label: "", participation: pooled.participationRate, meetingRate: feedback.meetingRate,
            rating: feedback.averageRating, repeatRate: pooled.repeatRate, ruleRates: pooled.ruleSatisfaction.map(\.rate))
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        let choices = catalog.categories.map { ConsoleStatisticsPage.CategoryChoice(value: $0.key.rawValue, label: $0.label) }
        // The matrix: the asked category, else the first rule's, else the first of the catalog.
        let ruleCategory = program.draft.rules.lazy.compactMap(Self.category(of:)).first
        let asked = visit.request.query(ConsoleField.category) ?? ruleCategory ?? choices.first?.value
        var matrix: ConsoleStatisticsPage.Matrix?
        if let asked, let category = catalog.category(named: asked) {
            let connections = try await services.programs.connections(of: id, last: last, category: category.key.rawValue,
                                                                      tenant: visit.tenant, visibleTo: viewer)
            if connections.isTooLargeToDraw {
                matrix = .init(category: category.key.rawValue, categoryLabel: category.label, values: [], cells: [],
                               pairs: connections.pairs, acrossRate: connections.acrossRate,
                               tooManyValues: .init(count: connections.values.count, limit: ConnectionMatrix.maximumValues))
            } else {
                matrix = .init(category: category.key.rawValue, categoryLabel: category.label, values: connections.values,
                               cells: connections.values.map { a in connections.values.map { b in connections.count(a, b) } },
                               pairs: connections.pairs, acrossRate: connections.acrossRate)
            }
        }
        let page = ConsoleStatisticsPage(programID: program.id.rawValue, programName: program.name, last: last,
                                         isOptIn: program.participationMode == .optIn, rules: rules.map { Self.ruleLabel($0, t) },
                                         sessions: columns, total: total, categories: choices, matrix: matrix)
        return visit.page(page, section: .programs)
    }

    /// The category a rule is about, if it is about one.
    static func category(of rule: MatchingRule) -> String? {
        switch rule {
        case .differentValue(let category, _), .sameValue(let category, _): category
        default: nil
        }
    }
}
