import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store
import Web

/// The CSV import (issue 13, item 4), administrators only, through ``ImportService`` as
/// `POST /api/v1/imports`: upload (multipart, the admin API's size limit) → preview of
/// the first rows and the mapping of each column, pre-filled with the import's
/// suggestions → dry run report → apply with the welcome-email choice, in chunks, with a
/// progress page. The file stays on the server between the steps (``ConsoleUploads``);
/// forms send choices only, and every step plans the file again.
extension ConsoleEndpoints {
    /// Lines of the file the preview shows (the header and five rows).
    static let previewLines = 6
    /// Rows with issues the report lists.
    static let reportedIssues = 200

    func registerImport(on router: inout Router) {
        router.add(.get, ConsolePaths.importCSV) { request in
            await handle(request, access: .administrator) { visit in
                visit.page(ConsoleImportUploadPage(maximumBytes: importMaxBytes), section: .importCSV)
            }
        }
        // The multipart framing adds a few hundred bytes: a file just under the limit fits.
        router.add(.post, ConsolePaths.importCSV, bodyLimit: importMaxBytes + 65_536) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let contentType = request.headers["content-type"]
                guard let form = try? MultipartFormData(body: request.body, contentType: contentType),
                      let file = form.file(ConsoleField.file), !file.bytes.isEmpty else {
                    return visit.page(ConsoleImportUploadPage(maximumBytes: importMaxBytes, problem: .noFile), section: .importCSV,
                                      status: 400)
                }
                guard file.bytes.count <= importMaxBytes else {
                    return visit.page(ConsoleImportUploadPage(maximumBytes: importMaxBytes, problem: .tooLarge), section: .importCSV,
                                      status: 413)
                }
                let name = String((file.filename ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "").prefix(200)
                guard let id = await uploads.add(csv: file.bytes, filename: String(name), tenant: visit.tenant, owner: visit.csrfToken,
                                                 at: visit.now, capacity: 4 * importMaxBytes) else {
                    return visit.page(ConsoleImportUploadPage(maximumBytes: importMaxBytes, problem: .tooLarge), section: .importCSV,
                                      status: 503)
                }
                return Self.redirect(to: ConsolePaths.importUpload(id))
            }
        }
        router.add(.get, ConsolePaths.importCSV + "/{id}") { request in
            await handle(request, access: .administrator) { visit in
                guard let upload = await uploads.upload(request.pathParameters["id"] ?? "", tenant: visit.tenant, owner: visit.csrfToken)
                else { return visit.message(.notFound) }
                return try await importPage(visit, upload)
            }
        }
        router.add(.post, ConsolePaths.importCSV + "/{id}/plan") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                guard let upload = await uploads.upload(request.pathParameters["id"] ?? "", tenant: visit.tenant, owner: visit.csrfToken),
                      upload.state == .planning else { return visit.message(.notFound) }
                return try await check(visit, upload)
            }
        }
        router.add(.post, ConsolePaths.importCSV + "/{id}/apply") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = request.pathParameters["id"] ?? ""
                guard let upload = await uploads.beginApplying(id, tenant: visit.tenant, owner: visit.csrfToken) else {
                    return visit.message(.notFound)
                }
                let importRequest = CSVImportService.Request(csv: upload.csv, columns: upload.choices,
                                                             sendsWelcomeEmail: visit.form?[ConsoleField.welcome] == "yes")
                startApplying(importRequest, upload: upload, at: visit.now)
                return Self.redirect(to: ConsolePaths.importUpload(id))
            }
        }
    }

    /// Applies in the background (the rows are written in chunks; the page follows the
    /// progress). An accepted import that stops midway is an import run the server
    /// finishes (``ImportService/resumeAbandoned(at:)``).
    private func startApplying(_ request: CSVImportService.Request, upload: ConsoleUploads.Upload, at now: Date) {
        let imports = services.imports, uploads = uploads, id = upload.id, tenant = upload.tenant
        Task.detached(priority: .utility) {
            let state: ConsoleUploads.State
            do {
                let outcome = try await imports.apply(request, tenant: tenant, at: now) { written, total in
                    Task { await uploads.progress(id, written: written, total: total) }
                }
                if outcome.applied {
                    let summary = outcome.plan.summary
                    state = .done(created: summary.created, updated: summary.updated, welcomeEmails: outcome.welcomeEmails)
                } else {
                    let errors = outcome.plan.fileErrors.count + outcome.plan.rows.count { !$0.errors.isEmpty }
                    state = .refused("The file no longer passes its check (\(errors) errors, the categories or members changed since the dry run).")
                }
            } catch let error as ServiceError {
                state = .refused(error.description)
            } catch {
                ErrorLog.unexpected(error, context: "console import")
                state = .refused(nil)
            }
            await uploads.finish(id, state)
        }
    }

    /// The page of `upload`: its progress once applying, else its preview, mapping and report.
    private func importPage(_ visit: ConsoleVisit, _ upload: ConsoleUploads.Upload, problem: String? = nil,
                            status: Int = 200) async throws -> HTTPResponse {
        switch upload.state {
        case .applying(let written, let total):
            return visit.page(ConsoleImportProgressPage(filename: upload.filename, state: .applying(written: written, total: total)),
                              section: .importCSV)
        case .done(let created, let updated, let emails):
            return visit.page(ConsoleImportProgressPage(filename: upload.filename,
                                                        state: .done(created: created, updated: updated, welcomeEmails: emails)),
                              section: .importCSV)
        case .refused(let reason):
            return visit.page(ConsoleImportProgressPage(filename: upload.filename,
                                                        state: .refused(reason ?? ConsoleLocalizer(visit.language)(.importStopped))),
                              section: .importCSV)
        case .planning:
            break
        }
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        let preview = Self.preview(of: upload.csv)
        var columns: [ConsoleImportPlanPage.Column] = []
        if let header = preview.first {
            let recognized = try? ImportColumns(header: header)
            let mapping = recognized.flatMap { try? upload.choices.mapping(for: $0, catalog: catalog) }
            let t = ConsoleLocalizer(visit.language)
            for (index, text) in header.enumerated() {
                let mandatory: String? = switch HeaderName.recognize(text) {
                case .firstName: t(.givenNameLabel)
                case .lastName: t(.familyNameLabel)
                case .email: t(.memberEmailLabel)
                case nil: nil
                }
                let choice = upload.formChoices[index + 1] ?? mapping.map { Self.choice($0[index]) } ?? "ignore"
                columns.append(.init(position: index + 1, header: text.trimmingCharacters(in: .whitespaces),
                                     mandatory: mandatory, choice: choice))
            }
        }
        let categories = catalog.categories.map {
            ConsoleImportPlanPage.Category(key: $0.key.rawValue, label: $0.label)
        }
        var page = ConsoleImportPlanPage(id: upload.id, filename: upload.filename, preview: preview, columns: columns,
                                         categories: categories, report: upload.report, problem: problem)
        page.sendsWelcomeByDefault = try await services.tenant.settings(tenant: visit.tenant).sendsWelcomeEmail
        return visit.page(page, section: .importCSV, status: status)
    }

    /// Records the form's choices for `upload` and plans them (a dry run), then shows the report.
    private func check(_ visit: ConsoleVisit, _ upload: ConsoleUploads.Upload) async throws -> HTTPResponse {
        let header = Self.preview(of: upload.csv, lines: 1).first ?? []
        var query: [(name: String, value: String)] = []
        var formChoices: [Int: String] = [:]
        for (index, text) in header.enumerated() where HeaderName.recognize(text) == nil {
            guard let value = visit.form?[ConsoleImportPlanPage.field(ofColumn: index + 1)] else { continue }
            formChoices[index + 1] = value
            query.append((ImportColumnChoices.prefix + text.trimmingCharacters(in: .whitespaces), value))
        }
        var shown = upload
        shown.formChoices = formChoices
        do {
            let choices = try ImportColumnChoices(query: query)
            let request = CSVImportService.Request(csv: upload.csv, columns: choices)
            let plan = try await services.imports.dryRun(request, tenant: visit.tenant)
            await uploads.checked(upload.id, choices: choices, formChoices: formChoices, report: Self.report(of: plan, ConsoleLocalizer(visit.language)))
        } catch let error as SCIMError {
            await uploads.checked(upload.id, choices: upload.choices, formChoices: formChoices, report: nil)
            shown.report = nil
            return try await importPage(visit, shown, problem: error.detail, status: 400)
        }
        return Self.redirect(to: ConsolePaths.importUpload(upload.id) + "#report")
    }

    /// A mapping target as the form's choice.
    static func choice(_ target: ColumnMapping.Target) -> String {
        switch target {
        case .ignored: "ignore"
        case .existingCategory(let key): "category:" + key.rawValue
        case .newCategory(let category):
            switch category.type {
            case .multiSelect: "new-multi"
            case .text: "new-text"
            default: "new"
            }
        }
    }

    /// The first `lines` records of `csv` (fewer when it ends or stops parsing).
    static func preview(of csv: [UInt8], lines: Int = previewLines) -> [[String]] {
        var parser = CSVParser()
        var records: [[String]] = []
        var offset = 0
        while offset < csv.count, records.count < lines {
            let end = min(offset + 65_536, csv.count)
            guard let found = try? parser.feed(csv[offset..<end]) else { return records }
            records += found.map(\.fields)
            offset = end
        }
        if records.count < lines, let rest = try? parser.finish() { records += rest.map(\.fields) }
        return Array(records.prefix(lines))
    }

    /// The console's report of a dry run, its reasons in the language of `t`.
    static func report(of plan: ImportPlan, _ t: ConsoleLocalizer) -> ConsoleImportPlanPage.Report {
        let summary = plan.summary
        let withIssues = plan.rows.filter { !$0.issues.isEmpty }
        return ConsoleImportPlanPage.Report(
            created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected,
            isApplicable: plan.isApplicable, fileErrors: plan.fileErrors.map { describe($0, t) },
            issues: withIssues.prefix(reportedIssues).map { row in
                ConsoleImportPlanPage.RowIssue(line: row.line, email: row.emailText, errors: row.issues.filter(\.isError).map { describe($0, t) },
                      warnings: row.issues.filter { !$0.isError }.map { describe($0, t) })
            },
            issueCount: withIssues.count,
            ignoredColumns: plan.ignoredColumns.map { [$0.header, describe($0.reason, t)] },
            newCategories: plan.newCategories.map { [$0.label, $0.type.rawValue] + $0.knownValues },
            grownValues: plan.grownValues.keys.sorted().map { [$0.rawValue] + (plan.grownValues[$0] ?? []) })
    }
}
