import Coffee
import FoundationEssentials
import SCIM
import Store
#if canImport(Glibc)
import Glibc
#endif

/// The CSV import benchmark behind `percolator bench import`: a generated file of
/// `rows` members (first name, last name, email, a department among 20, a city among
/// 40, which fill the tenant's admin-defined categories), imported into a fresh
/// temporary database (WAL, `synchronous=FULL`) through ``CSVImportService``, the code
/// `POST /api/v1/imports` runs.
///
/// It times the dry run (a snapshot read in short transactions, then parse + plan off the
/// storage threads), the real run (the same, then the rows written in chunks through the
/// group-commit ``WriteBatcher`` as the endpoint does), the encoding of the full report, and a second real run of the same
/// file (every row unchanged); then prints the process's peak RSS (VmHWM). It makes no
/// assertion beyond checking that the counts are what the file says.
public enum ImportBenchmark {
    /// The departments the generated rows spread over.
    static let departmentCount = 20
    /// The cities the generated rows spread over.
    static let cityCount = 40

    /// Runs with a file of `rows` rows; returns printable lines.
    public static func run(rows: Int) async throws -> String {
        let rows = max(1, rows)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-import-bench-\(RandomID.make())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("bench.sqlite").path)
        let tenant = try await store.createTenant(name: "bench").id
        // A tenant without an identity provider, whose admin defined the categories first
        // (the recommended order): the file's Department and City fill them.
        try await store.persistence().write { db in
            try db.categories.save(CategoryCatalog([Category(key: .department, label: "Department"),
                                                      Category(key: .city, label: "City")]), tenant: tenant)
        }
        let persistence = store.persistence()
        let imports = ImportService(persistence: persistence)

        let (csv, generated) = try await measure { file(rows: rows) }
        let request = CSVImportService.Request(csv: csv, sendsWelcomeEmail: true)
        var lines = ["import: \(rows) rows, \(csv.count / 1024) KiB of CSV (generated in \(generated)), "
            + "WAL, synchronous=FULL; times are wall (process CPU)"]

        let (plan, planned) = try await measure {
            try await imports.dryRun(request, tenant: tenant)
        }
        lines.append("dry run (snapshot in reads of 1,000 lookups + plan): \(planned), \(planned.rate(rows)) rows/s; "
            + "\(plan.summary.created) to create, \(plan.summary.rejected) rejected")

        let now = Date()
        let (outcome, applied) = try await measure {
            try await imports.apply(request, tenant: tenant, at: now)
        }
        lines.append("apply (snapshot + plan + write in chunks of \(imports.chunkRows) rows): \(applied), \(applied.rate(rows)) rows/s; "
            + "applied \(outcome.applied), \(outcome.events) events, \(outcome.welcomeEmails) welcome emails")

        let (report, encoded) = try await measure { ImportReport.json(outcome, dryRun: false, rows: .all).encoded() }
        lines.append("report (every row): \(report.count / 1024) KiB of JSON in \(encoded)")

        let (again, reapplied) = try await measure {
            try await imports.apply(request, tenant: tenant, at: now)
        }
        lines.append("re-import of the same file: \(reapplied), \(reapplied.rate(rows)) rows/s; "
            + "\(again.plan.summary.unchanged) unchanged, \(again.events) events")

        let counts = try await store.persistence().read { db in try db.members.counts(tenant: tenant) }
        if counts[.live] != rows || again.plan.summary.unchanged != rows {
            lines.append("warning: expected \(rows) live members, all unchanged on re-import; found \(counts[.live] ?? 0)")
        }
        let peak = MatchingBenchmark.peakResidentBytes().map { String($0 / 1_048_576) } ?? "?"
        lines.append("peak RSS: \(peak) MiB")
        return lines.joined(separator: "\n")
    }

    /// A CSV file of `rows` members with a header row; deterministic.
    static func file(rows: Int) -> [UInt8] {
        var text = "First name,Last name,Email,Department,City\n"
        text.reserveCapacity(rows * 64)
        for index in 0..<rows {
            text += "Given\(index),Family\(index),member\(index)@example.com,"
            text += "Department \(index % departmentCount),City \((index / 3) % cityCount)\n"
        }
        return Array(text.utf8)
    }

    /// Wall-clock and process CPU time of one phase.
    struct Timing: CustomStringConvertible {
        /// Wall-clock time.
        var wall: Duration
        /// CPU time of the process, where available.
        var cpu: Duration?

        /// `1234 ms (1100 ms CPU)`.
        var description: String { "\(milliseconds(wall)) ms (\(cpu.map { String(milliseconds($0)) } ?? "?") ms CPU)" }

        /// Rows per second of wall-clock time.
        func rate(_ rows: Int) -> Int {
            let ms = milliseconds(wall)
            return ms > 0 ? rows * 1000 / ms : rows * 1000
        }

        /// Whole milliseconds of `duration`.
        func milliseconds(_ duration: Duration) -> Int {
            Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    /// Runs `body`, timing it on the wall clock and in CPU time of the whole process (the
    /// work runs on the storage threads, not the caller's).
    static func measure<T>(_ body: () async throws -> T) async throws -> (T, Timing) {
        let clock = ContinuousClock()
        let cpuStart = processCPUTime()
        let start = clock.now
        let value = try await body()
        let wall = clock.now - start
        let cpu: Duration? = if let cpuStart, let end = processCPUTime() { end - cpuStart } else { nil }
        return (value, Timing(wall: wall, cpu: cpu))
    }

    /// User + system CPU time of the process so far.
    static func processCPUTime() -> Duration? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        let micros = (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000
            + Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)
        return .microseconds(micros)
    }
}
