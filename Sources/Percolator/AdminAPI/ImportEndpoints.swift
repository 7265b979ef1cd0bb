import Coffee
import HTTP
import SCIM
import Store

/// `POST /api/v1/imports`: a CSV file of members (seed README, "CSV import").
///
/// The body is the file itself (`Content-Type: text/csv`; UTF-8, `,` or `;`, header row
/// first, at most ``AdminServiceSettings/importMaxBytes``, default 64 MiB, else 413).
/// Query parameters:
/// - `dryRun=true|false` (default `true`): plan only, or apply;
/// - `welcome=true|false` (default `false`): new members get the welcome email;
/// - `rows=all|issues|none` (default `all`): which rows the report lists;
/// - `column.<Header>=<choice>`: a column's mapping (``ImportColumnChoices``); columns
///   without one get the suggestion (an existing category of that name, else a new
///   drop-down).
///
/// A dry run answers 200 with the report (``ImportReport``) and changes nothing. A real
/// run applies every row in one write transaction, or none: with any file or row error
/// it answers 400 `invalidValue` whose body is the SCIM error with the report under
/// `report`; otherwise 200 with the report, `applied: true`.
struct ImportEndpoints {
    /// The admin API the routes belong to.
    let service: AdminService

    /// The query parameters besides `column.<Header>`.
    static let parameters: Set<String> = ["dryRun", "welcome", "rows"]

    /// Registers `POST /api/v1/imports`, with its raised body limit.
    func register(on router: inout Router) {
        router.add(.post, "\(AdminService.root)/imports", bodyLimit: service.settings.importMaxBytes) { request in
            await service.authenticated(request) { context in
                try Self.checkContentType(context.request)
                for item in context.request.queryItems
                where !Self.parameters.contains(item.name) && !item.name.hasPrefix(ImportColumnChoices.prefix) {
                    throw SCIMError.invalidValue("'\(item.name)' is not a parameter of an import; use dryRun, welcome, rows or column.<Header>.")
                }
                let dryRun = try Self.flag(context, "dryRun", default: true)
                let rows = try context.query("rows").map { text throws(SCIMError) -> ImportReport.Rows in
                    guard let rows = ImportReport.Rows(rawValue: text) else {
                        throw .invalidValue("'rows' must be all, issues or none; it was '\(text)'.")
                    }
                    return rows
                } ?? .all
                let importRequest = CSVImportService.Request(
                    csv: context.request.body, columns: try ImportColumnChoices(query: context.request.queryItems),
                    sendsWelcomeEmail: try Self.flag(context, "welcome", default: false))
                if dryRun {
                    let plan = try await service.imports.dryRun(importRequest, tenant: context.tenant)
                    let outcome = CSVImportService.Outcome(plan: plan, applied: false)
                    return AdminJSON.response(200, ImportReport.json(outcome, dryRun: true, rows: rows))
                }
                let outcome = try await service.imports.apply(importRequest, tenant: context.tenant, at: context.now)
                let report = ImportReport.json(outcome, dryRun: false, rows: rows)
                guard outcome.applied else { return Self.refusal(outcome.plan, report: report) }
                return AdminJSON.response(200, report)
            }
        }
    }

    /// The 400 of a real run whose plan has errors: the SCIM error, plus the report.
    static func refusal(_ plan: ImportPlan, report: JSONValue) -> HTTPResponse {
        let rowErrors = plan.rows.count { !$0.errors.isEmpty }
        var problems: [String] = []
        if !plan.fileErrors.isEmpty {
            problems.append(plan.fileErrors.map(\.description).joined(separator: "; "))
        }
        if rowErrors > 0 { problems.append("\(rowErrors) row\(rowErrors == 1 ? " has" : "s have") errors") }
        let error = SCIMError.invalidValue(
            "Nothing was imported: \(problems.joined(separator: "; ")). The report lists every problem with its line; fix the file and upload it again.")
        var body = error.messageBody.objectValue ?? JSONObject()
        body["report"] = report
        return SCIMResponses.json(error.status, .object(body))
    }

    /// Refuses a body declared as anything but CSV (or plain text), or in a charset other
    /// than UTF-8. No `Content-Type` at all is accepted.
    static func checkContentType(_ request: HTTPRequest) throws(SCIMError) {
        guard let contentType = request.headers["content-type"] else { return }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: " \t").lowercased() }
        let mediaType = parts.first ?? ""
        guard ["text/csv", "application/csv", "text/plain"].contains(mediaType) else {
            throw SCIMError(status: 415, scimType: .invalidSyntax,
                            detail: "Send the CSV file itself as the body, with Content-Type: text/csv (not '\(mediaType.prefix(60))').")
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: "\"")
            guard charset == "utf-8" || charset == "utf8" else {
                throw SCIMError(status: 415, scimType: .invalidSyntax,
                                detail: "The file must be UTF-8 (it was declared '\(charset.prefix(40))'); save it as \"CSV UTF-8\" and upload it again.")
            }
        }
    }

    /// The boolean query parameter `name`: `true` or `false`, else `invalidValue`.
    static func flag(_ context: AdminContext, _ name: String, default value: Bool) throws(SCIMError) -> Bool {
        guard let text = context.query(name) else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalidValue("'\(name)' must be true or false; it was '\(text)'.")
        }
    }
}
