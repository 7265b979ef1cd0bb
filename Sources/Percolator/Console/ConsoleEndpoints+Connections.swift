import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// "Member sources" (issue 14): the connections to a Slack workspace, a Microsoft Teams
/// team or an HR system — list, create (the credential write-only), test, run now, runs,
/// delete — through the same ``ConnectionService`` as `/api/v1/connections`.
/// Administrators only.
extension ConsoleEndpoints {
    func registerConnections(on router: inout Router) {
        registerConnectionFields(on: &router)
        router.add(.get, ConsolePaths.connections) { request in
            await handle(request, access: .administrator) { visit in
                let notice = request.query("notice") == "deleted" ? ConsoleLocalizer(visit.language)(.connectionDeleted) : nil
                return visit.page(try await connectionsPage(visit), section: .connections, notice: notice)
            }
        }
        router.add(.post, ConsolePaths.connections) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let form = Self.connectionForm(from: visit.form)
                let t = ConsoleLocalizer(visit.language)
                let refused = { (problem: String) async throws -> HTTPResponse in
                    visit.page(try await connectionsPage(visit, form: form, problem: t(.connectionRefused, ["problem": problem])),
                               section: .connections, status: 400)
                }
                guard let kind = ConnectionKind(rawValue: form.kind) else { return try await refused(form.kind) }
                guard let input = Self.connectionInput(kind: kind, form: form, secret: visit.form?[ConsoleField.secret]) else {
                    return try await refused(t(.intervalHoursLabel) + ": 1–720")
                }
                let created: StoredConnection
                do {
                    created = try await services.connections.create(input, tenant: visit.tenant, at: visit.now)
                } catch let error as ServiceError {
                    return try await refused(error.description)
                }
                return Self.redirect(to: ConsolePaths.connection(created.id.rawValue) + "?notice=created")
            }
        }
        router.add(.get, ConsolePaths.connections + "/{id}") { request in
            await handle(request, access: .administrator) { visit in
                let t = ConsoleLocalizer(visit.language)
                let notice: String? = switch request.query("notice") {
                case "created": t(.connectionCreated)
                case "ran": t(.runStarted)
                case "schedule": t(.scheduleSaved)
                default: nil
                }
                return visit.page(try await connectionPage(visit, id: request.pathParameters["id"] ?? ""),
                                  section: .connections, notice: notice)
            }
        }
        router.add(.post, ConsolePaths.connections + "/{id}/test") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = ConnectionID(request.pathParameters["id"] ?? "")
                let result: Result<Int, ConsoleConnectionPage.TestFailure> =
                    switch try await services.connections.test(id, tenant: visit.tenant) {
                    case .success(let count): .success(count)
                    case .failure(let failure): .failure(.init(reason: failure.description))
                    }
                return visit.page(try await connectionPage(visit, id: id.rawValue, testResult: result), section: .connections)
            }
        }
        router.add(.post, ConsolePaths.connections + "/{id}/run") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = ConnectionID(request.pathParameters["id"] ?? "")
                do {
                    _ = try await services.connections.run(id, tenant: visit.tenant, at: visit.now)
                } catch ServiceError.conflict {
                    return visit.page(try await connectionPage(visit, id: id.rawValue), section: .connections, status: 409,
                                      notice: ConsoleLocalizer(visit.language)(.runInProgress))
                }
                return Self.redirect(to: ConsolePaths.connection(id.rawValue) + "?notice=ran")
            }
        }
        router.add(.post, ConsolePaths.connections + "/{id}/delete") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                try await services.connections.delete(ConnectionID(request.pathParameters["id"] ?? ""), tenant: visit.tenant)
                return Self.redirect(to: ConsolePaths.connections + "?notice=deleted")
            }
        }
    }

    private func connectionsPage(_ visit: ConsoleVisit, form: ConsoleConnectionsPage.Form = .init(),
                                 problem: String? = nil) async throws -> ConsoleConnectionsPage {
        var rows: [ConsoleConnectionsPage.Row] = []
        for connection in try await services.connections.connections(tenant: visit.tenant) {
            let last = try await services.connections.runs(connection.id, tenant: visit.tenant, limit: 1).first
            rows.append(Self.row(connection, lastRun: last))
        }
        return ConsoleConnectionsPage(rows: rows, form: form, problem: problem)
    }

    func connectionPage(_ visit: ConsoleVisit, id: String,
                                testResult: Result<Int, ConsoleConnectionPage.TestFailure>? = nil) async throws -> ConsoleConnectionPage {
        let connection = try await services.connections.connection(ConnectionID(id), tenant: visit.tenant)
        let runs = try await services.connections.runs(connection.id, tenant: visit.tenant)
        return ConsoleConnectionPage(connection: Self.row(connection, lastRun: runs.first), runs: runs.map(Self.run),
                                     testResult: testResult)
    }

    /// A connection as the pages list it.
    static func row(_ connection: StoredConnection, lastRun: ConnectionRun?) -> ConsoleConnectionsPage.Row {
        let settings = try? ConnectionSettings.decode(connection.settings)
        return ConsoleConnectionsPage.Row(id: connection.id.rawValue, name: connection.name, kind: connection.kind.rawValue,
                                          credentialHint: connection.credentialHint, intervalHours: settings?.intervalHours,
                                          nextRun: connection.nextRunAt.map(format), lastRun: lastRun.map(run))
    }

    /// A run as the pages show it: its counts in the order a person reads them.
    static func run(_ run: ConnectionRun) -> ConsoleConnectionPage.Run {
        let counts = (try? JSONDecoder().decode([String: Int].self, from: Data(run.summary.utf8))) ?? [:]
        let order = ["created", "updated", "deactivated", "unchanged"]
        let sorted = counts.sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.key) ?? order.count, order.firstIndex(of: b.key) ?? order.count)
            return x != y ? x < y : a.key < b.key
        }
        return ConsoleConnectionPage.Run(started: format(run.startedAt), succeeded: run.outcome == .succeeded,
                                         counts: sorted.map { .init(name: $0.key, count: $0.value) }, error: run.error)
    }

    /// The create form as posted (never the credential, which is not shown again).
    static func connectionForm(from data: FormData?) -> ConsoleConnectionsPage.Form {
        func field(_ name: String) -> String { data?[name]?.trimmingCharacters(in: .whitespaces) ?? "" }
        var form = ConsoleConnectionsPage.Form()
        form.kind = field(ConsoleField.kind)
        form.name = String(field(ConsoleField.name).prefix(100))
        form.baseURL = field(ConsoleField.baseURL)
        form.teamID = field(ConsoleField.teamID)
        form.directoryID = field(ConsoleField.directoryID)
        form.clientID = field(ConsoleField.clientID)
        form.companyDomain = field(ConsoleField.companyDomain)
        form.hrisSystem = field(ConsoleField.hrisSystem) == "personio" ? "personio" : "bamboohr"
        form.intervalHours = field(ConsoleField.intervalHours)
        return form
    }

    /// What the service creates from the form: only the settings `kind` uses; nil when
    /// the hours between runs are not a whole number (the service checks the range).
    static func connectionInput(kind: ConnectionKind, form: ConsoleConnectionsPage.Form, secret: String?) -> ConnectionService.Input? {
        func given(_ text: String) -> String? { text.isEmpty ? nil : text }
        var settings = ConnectionSettings()
        settings.baseURL = given(form.baseURL)
        if !form.intervalHours.isEmpty {
            guard let hours = Int(form.intervalHours) else { return nil }
            settings.intervalHours = hours
        }
        switch kind {
        case .slack:
            settings.teamID = given(form.teamID)
        case .teams:
            settings.teamID = given(form.teamID)
            settings.directoryID = given(form.directoryID)
            settings.clientID = given(form.clientID)
        case .hris:
            settings.hrisSystem = form.hrisSystem
            settings.companyDomain = given(form.companyDomain)
            settings.clientID = given(form.clientID)
        }
        return ConnectionService.Input(kind: kind, name: form.name.isEmpty ? kind.rawValue : form.name, settings: settings,
                                       secret: secret.flatMap(given))
    }
}
