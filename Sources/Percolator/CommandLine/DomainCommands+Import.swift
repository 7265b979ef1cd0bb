import Coffee
import FoundationEssentials
import Glibc
import Store

extension DomainCommands {
    /// `percolator members import FILE [--map …] [--apply] [--welcome] [--json]`: the
    /// import endpoint's code on the database file; prints a summary table, the file
    /// errors, new categories, ignored columns and the rows with issues (with `--json`,
    /// the endpoint's report, rows with issues only). Exit 0 when the plan is applicable
    /// (and applied with `--apply`), 1 when it has errors (nothing written), 64 for a bad
    /// `--map`.
    static func importMembers(storage: any StorageBackend, tenant: Store.TenantID, arguments: ParsedArguments,
                              invocation: String) async throws -> Int32 {
        let file = arguments.positionals[0]
        guard let handle = fopen(file, "rb") else {
            ConsoleOutput.standardError("\(invocation): cannot read '\(file)'.\n")
            return 1
        }
        var csv: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            csv += buffer[0..<count]
        }
        fclose(handle)
        let catalog = try await storage.persistence().read { db in try db.categories.catalog(tenant: tenant) }
        var query: [(name: String, value: String)] = []
        for item in (arguments.options["map"] ?? "").split(separator: ",") where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                ConsoleOutput.standardError("\(invocation): --map takes HEADER=TARGET pairs separated by commas; '\(item)' is not one.\n")
                return 64
            }
            // A category's key or label stands for `category:<key>`.
            let target = catalog.category(named: parts[1]).map { "category:\($0.key.rawValue)" } ?? parts[1]
            query.append((ImportColumnChoices.prefix + parts[0], target))
        }
        let request: CSVImportService.Request
        do {
            request = CSVImportService.Request(csv: csv, columns: try ImportColumnChoices(query: query),
                                               sendsWelcomeEmail: arguments.flags.contains("welcome"))
        } catch {
            ConsoleOutput.standardError("\(invocation): \(error.detail)\n")
            return 64
        }
        let outcome: CSVImportService.Outcome
        let dryRun = !arguments.flags.contains("apply")
        let imports = ImportService(persistence: storage.persistence())
        if dryRun {
            outcome = CSVImportService.Outcome(plan: try await imports.dryRun(request, tenant: tenant), applied: false)
        } else {
            outcome = try await imports.apply(request, tenant: tenant, at: Date())
        }
        if arguments.flags.contains("json") {
            ConsoleOutput.standardOutput(ImportReport.json(outcome, dryRun: dryRun, rows: .issues).encodedString(layout: .prettyPrinted) + "\n")
        } else {
            ConsoleOutput.standardOutput(ImportSummary.text(outcome, dryRun: dryRun))
        }
        return outcome.plan.isApplicable ? 0 : 1
    }
}
