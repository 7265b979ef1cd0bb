import Coffee

/// A CSV import's report for the terminal (`percolator import`): what happened in one
/// sentence, the counts as a table, then the file errors, the new categories, the
/// ignored columns with why, and the rows with errors or warnings.
enum ImportSummary {
    static func text(_ outcome: CSVImportService.Outcome, dryRun: Bool) -> String {
        let plan = outcome.plan
        let summary = plan.summary
        var text: String
        if outcome.applied {
            text = "imported: \(summary.created) created, \(summary.updated) updated.\n"
        } else if !plan.isApplicable {
            text = "not applicable: the file has errors (below); nothing was written.\n"
        } else {
            text = dryRun ? "dry run: nothing was written; add --apply to import.\n" : "nothing was written.\n"
        }
        var counts = TextTable(header: ["ROWS", "CREATED", "UPDATED", "UNCHANGED", "REJECTED", "WITH WARNINGS", "WELCOME EMAILS"])
        counts.rows = [[plan.rows.count, summary.created, summary.updated, summary.unchanged, summary.rejected,
                        summary.withWarnings, outcome.welcomeEmails].map(String.init)]
        text += "\n" + counts.rendered
        if !plan.fileErrors.isEmpty {
            text += "\nfile errors:\n" + plan.fileErrors.map { "  \($0.description)\n" }.joined()
        }
        if !plan.newCategories.isEmpty {
            text += "\nnew categories:\n" + plan.newCategories.map { category in
                "  \(category.key.rawValue) (\(category.label), \(category.type.rawValue)): \(category.knownValues.joined(separator: ", "))\n"
            }.joined()
        }
        if !plan.ignoredColumns.isEmpty {
            text += "\nignored columns:\n" + plan.ignoredColumns.map { column in
                "  \(column.header.isEmpty ? "(no header)" : column.header) (column \(column.index + 1)): \(column.reason.description)\n"
            }.joined()
        }
        let flagged = plan.rows.filter { !$0.issues.isEmpty }
        if !flagged.isEmpty {
            var rows = TextTable(header: ["LINE", "EMAIL", "ACTION", "ISSUES"])
            for row in flagged {
                let action = switch row.action {
                case .create: "create"
                case .update: "update"
                case .unchanged: "unchanged"
                case .rejected: "rejected"
                }
                let issues = row.issues.map { ($0.isError ? "error: " : "warning: ") + $0.description }
                rows.rows.append([String(row.line), row.emailText, action, issues.joined(separator: "; ")])
            }
            text += "\n" + rows.rendered
        }
        return text
    }
}
