import Coffee
import SCIM

/// The report of a CSV import as the admin API shows it (dry run and real run alike):
///
/// ```json
/// {"dryRun": true, "applied": false, "applicable": false,
///  "summary": {"rows": 5, "created": 0, "updated": 0, "unchanged": 0, "rejected": 5,
///              "withWarnings": 0, "errors": 5, "welcomeEmailsRequested": 0},
///  "fileErrors": [{"code": "missingColumn", "message": "no email column (…)"}],
///  "newCategories": [{"key": "city", "label": "City", "type": "singleSelect", "knownValues": ["Paris"]}],
///  "grownValues": {"department": ["R&D"]},
///  "ignoredColumns": [{"column": "Notes", "position": 5, "reason": "chosen", "message": "ignored as chosen"}],
///  "rows": [{"line": 2, "email": "not-an-email", "action": "rejected",
///            "errors": [{"code": "invalidEmail", "message": "\"not-an-email\" is not a valid email address"}],
///            "warnings": []}]}
/// ```
///
/// A row's `action` is `create`, `update`, `unchanged` or `rejected`; `create` and
/// `update` rows carry `givenName`, `familyName` and `categories` as they will be
/// stored, `update` rows the `changes` (`givenName`, `category:<key>`…), and rows of an
/// applied import the `memberId`. `line` is the 1-based line the row starts on.
enum ImportReport {
    /// Which rows the report lists (query parameter `rows`).
    enum Rows: String, Sendable, CaseIterable {
        /// Every row (the default).
        case all
        /// Only rows with an error or a warning.
        case issues
        /// None: counts and file errors only.
        case none
    }

    /// The report of `outcome`.
    static func json(_ outcome: CSVImportService.Outcome, dryRun: Bool, rows: Rows) -> JSONValue {
        let plan = outcome.plan
        let summary = plan.summary
        let errorCount = plan.fileErrors.count + plan.rows.reduce(0) { $0 + $1.errors.count }
        var listed: [JSONValue] = []
        if rows != .none {
            listed.reserveCapacity(rows == .all ? plan.rows.count : 0)
            for (index, row) in plan.rows.enumerated() where rows == .all || !row.issues.isEmpty {
                listed.append(json(row, memberID: outcome.memberIDs[index]))
            }
        }
        return AdminJSON.object([
            ("dryRun", .bool(dryRun)),
            ("applied", .bool(outcome.applied)),
            ("applicable", .bool(plan.isApplicable)),
            ("summary", AdminJSON.object([
                ("rows", .integer(Int64(plan.rows.count))),
                ("created", .integer(Int64(summary.created))),
                ("updated", .integer(Int64(summary.updated))),
                ("unchanged", .integer(Int64(summary.unchanged))),
                ("rejected", .integer(Int64(summary.rejected))),
                ("withWarnings", .integer(Int64(summary.withWarnings))),
                ("errors", .integer(Int64(errorCount))),
                ("welcomeEmailsRequested", .integer(Int64(outcome.welcomeEmails))),
            ])),
            ("fileErrors", .array(plan.fileErrors.map { error in
                AdminJSON.object([("code", .string(code(error))), ("message", .string(error.description)),
                                  ("line", line(error).map { .integer(Int64($0)) })])
            })),
            ("newCategories", .array(plan.newCategories.map { category in
                AdminJSON.object([
                    ("key", .string(category.key.rawValue)), ("label", .string(category.label)),
                    ("type", .string(category.type.rawValue)), ("knownValues", AdminJSON.strings(category.knownValues)),
                ])
            })),
            ("grownValues", .object(JSONObject(plan.grownValues.keys.sorted().map { key in
                JSONObject.Member(key: key.rawValue, value: AdminJSON.strings(plan.grownValues[key] ?? []))
            }))),
            ("ignoredColumns", .array(plan.ignoredColumns.map { column in
                AdminJSON.object([("column", .string(column.header)), ("position", .integer(Int64(column.index + 1))),
                                  ("reason", .string(column.reason.rawValue)), ("message", .string(column.reason.description))])
            })),
            ("rows", rows == .none ? nil : .array(listed)),
        ])
    }

    /// One row.
    static func json(_ row: ImportRowPlan, memberID: MemberID?) -> JSONValue {
        var person: ImportedPerson?
        var changes: [String]?
        let action: String
        switch row.action {
        case .create(let created):
            action = "create"
            person = created
        case .update(_, let updated, let changed):
            action = "update"
            person = updated
            changes = changed
        case .unchanged:
            action = "unchanged"
        case .rejected:
            action = "rejected"
        }
        let memberID: MemberID? = switch row.action {
        case .update(let id, _, _), .unchanged(let id): memberID ?? id
        case .create, .rejected: memberID
        }
        return AdminJSON.object([
            ("line", .integer(Int64(row.line))),
            ("email", .string(row.emailText)),
            ("action", .string(action)),
            ("memberId", AdminJSON.string(memberID?.rawValue)),
            ("givenName", AdminJSON.string(person?.givenName)),
            ("familyName", AdminJSON.string(person?.familyName)),
            ("categories", person.map { MemberRepresentation.categories($0.categoryValues) }),
            ("changes", changes.map(AdminJSON.strings)),
            ("errors", .array(row.issues.filter(\.isError).map(json))),
            ("warnings", .array(row.issues.filter { !$0.isError }.map(json))),
        ])
    }

    /// An issue as `{"code", "message"}` (and `firstLine` for a duplicate).
    static func json(_ issue: ImportIssue) -> JSONValue {
        var firstLine: Int?
        if case .duplicateEmail(let line) = issue { firstLine = line }
        return AdminJSON.object([("code", .string(code(issue))), ("message", .string(issue.description)),
                                 ("firstLine", firstLine.map { .integer(Int64($0)) })])
    }

    /// A stable word for each row issue.
    static func code(_ issue: ImportIssue) -> String {
        switch issue {
        case .invalidEmail: "invalidEmail"
        case .missingEmail: "missingEmail"
        case .missingFirstName: "missingFirstName"
        case .missingLastName: "missingLastName"
        case .duplicateEmail: "duplicateEmail"
        case .wrongFieldCount: "wrongFieldCount"
        case .memberDeprovisioned: "memberDeprovisioned"
        case .staysInactive: "staysInactive"
        case .staysPending: "staysPending"
        case .deactivatedByIdentityProvider: "deactivatedByIdentityProvider"
        case .namesOwnedByIdentityProvider: "namesOwnedByIdentityProvider"
        case .categoryOwnedByIdentityProvider: "categoryOwnedByIdentityProvider"
        }
    }

    /// A stable word for each file error.
    static func code(_ error: ImportError) -> String {
        switch error {
        case .csv(let csv):
            switch csv {
            case .unterminatedQuote: "unterminatedQuote"
            case .unexpectedCharacterAfterQuote: "unexpectedCharacterAfterQuote"
            case .invalidUTF8: "invalidUTF8"
            case .fieldTooLong: "fieldTooLong"
            case .tooManyFields: "tooManyFields"
            case .recordTooLong: "recordTooLong"
            }
        case .emptyFile: "emptyFile"
        case .missingColumn: "missingColumn"
        case .duplicateColumn: "duplicateColumn"
        case .unknownCategory: "unknownCategory"
        case .categoryKeyTaken: "categoryKeyTaken"
        case .invalidColumn: "invalidColumn"
        }
    }

    /// The line a parse error is on.
    static func line(_ error: ImportError) -> Int? {
        guard case .csv(let csv) = error else { return nil }
        switch csv {
        case .unterminatedQuote(let line), .unexpectedCharacterAfterQuote(let line, _), .invalidUTF8(let line, _),
             .fieldTooLong(let line, _), .tooManyFields(let line, _), .recordTooLong(let line, _):
            return line
        }
    }
}
