import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// A connection's field choice and schedule on the console's Sources page (issue 14):
/// the source's fields (``ConnectionService/fields(_:tenant:)``, as
/// `GET /api/v1/connections/{id}/fields`) with a check box and the category each
/// becomes, and the hours between runs — both saved through
/// ``ConnectionService/changeSettings(_:tenant:_:)``, the admin API's update. A refusal
/// shows the service's sentence and changes nothing. Administrators only.
extension ConsoleEndpoints {
    func registerConnectionFields(on router: inout Router) {
        router.add(.get, ConsolePaths.connections + "/{id}/fields") { request in
            await handle(request, access: .administrator) { visit in
                let notice = request.query("notice") == "saved" ? ConsoleLocalizer(visit.language)(.fieldsSaved) : nil
                return visit.page(try await fieldsPage(visit, id: ConnectionID(request.pathParameters["id"] ?? "")),
                                  section: .connections, notice: notice)
            }
        }
        router.add(.post, ConsolePaths.connections + "/{id}/fields") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = ConnectionID(request.pathParameters["id"] ?? "")
                let selected = Self.selectedFields(from: visit.form)
                do {
                    try await services.connections.changeSettings(id, tenant: visit.tenant) { $0.fields = selected }
                } catch ServiceError.invalid(let problem) {
                    var page = try await fieldsPage(visit, id: id)
                    page.problem = problem
                    let chosen = Dictionary(selected.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
                    for index in page.fields.indices {
                        page.fields[index].isSelected = chosen[page.fields[index].name] != nil
                        page.fields[index].category = chosen[page.fields[index].name] ?? page.fields[index].category
                    }
                    return visit.page(page, section: .connections, status: 400)
                }
                return Self.redirect(to: ConsolePaths.connectionFields(id.rawValue) + "?notice=saved")
            }
        }
        router.add(.post, ConsolePaths.connections + "/{id}/schedule") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = ConnectionID(request.pathParameters["id"] ?? "")
                let text = visit.form?[ConsoleField.intervalHours]?.trimmingCharacters(in: .whitespaces) ?? ""
                let refused = { (problem: String) async throws -> HTTPResponse in
                    var page = try await connectionPage(visit, id: id.rawValue)
                    page.scheduleProblem = problem
                    page.scheduleHours = String(text.prefix(20))
                    return visit.page(page, section: .connections, status: 400)
                }
                let hours: Int?
                if text.isEmpty {
                    hours = nil
                } else if let value = Int(text) {
                    hours = value
                } else {
                    _ = try await services.connections.connection(id, tenant: visit.tenant)
                    return try await refused(ConsoleLocalizer(visit.language)(.intervalHoursNotNumber))
                }
                do {
                    try await services.connections.changeSettings(id, tenant: visit.tenant) { $0.intervalHours = hours }
                } catch ServiceError.invalid(let problem) {
                    return try await refused(problem)
                }
                return Self.redirect(to: ConsolePaths.connection(id.rawValue) + "?notice=schedule")
            }
        }
    }

    /// The field choice as posted: each checked field with the category named for it,
    /// in the page's order (`[field, category]`, as ``ConnectionSettings/fields``).
    static func selectedFields(from form: FormData?) -> [[String]] {
        guard let form else { return [] }
        var seen: Set<String> = []
        return form.values(for: ConsoleField.sourceField).compactMap { field in
            guard seen.insert(field).inserted else { return nil }
            return [field, (form[ConsoleField.category(ofSourceField: field)] ?? "").trimmingCharacters(in: .whitespaces)]
        }
    }

    /// The page of connection `id`'s fields: those the source offers, then any the
    /// connection maps that the source no longer lists (so saving keeps them unless
    /// unticked); or why the source could not be read.
    func fieldsPage(_ visit: ConsoleVisit, id: ConnectionID) async throws -> ConsoleConnectionFieldsPage {
        let connection = try await services.connections.connection(id, tenant: visit.tenant)
        let mapped = ((try? ConnectionSettings.decode(connection.settings))?.fields ?? []).filter { $0.count == 2 }
        let category = Dictionary(mapped.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        switch try await services.connections.fields(id, tenant: visit.tenant) {
        case .failure(let failure):
            return ConsoleConnectionFieldsPage(connectionID: id.rawValue, connectionName: connection.name, fields: [],
                                               unavailable: failure.description)
        case .success(let offered):
            var fields = offered.map { field in
                ConsoleConnectionFieldsPage.Field(name: field.name, label: field.label, isSelected: category[field.name] != nil,
                                                  category: category[field.name] ?? Self.suggestedCategory(field))
            }
            let names = Set(offered.map(\.name))
            for pair in mapped where !names.contains(pair[0]) {
                fields.append(.init(name: pair[0], label: pair[0], isSelected: true, category: pair[1]))
            }
            return ConsoleConnectionFieldsPage(connectionID: id.rawValue, connectionName: connection.name, fields: fields)
        }
    }

    /// The category a field becomes unless the admin names another: its label, lowercased,
    /// words joined by hyphens (`Cost center` → `cost-center`).
    static func suggestedCategory(_ field: SourceField) -> String {
        field.label.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}
