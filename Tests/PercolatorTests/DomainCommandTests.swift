import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `percolator members list`, `session run|show` and `import`, the real binary against
/// the database a live server wrote: tables for people, `--json` for scripts (issue 16,
/// build item 4).
@Suite("percolator members list / session run / session show / import", .serialized)
struct DomainCommandTests {
    /// Runs the binary with `arguments`; returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        let (status, output, _) = try await runCapturingErrors(arguments)
        return (status, output)
    }

    /// Runs the binary with `arguments`; returns its exit status, standard output and standard error.
    static func runCapturingErrors(_ arguments: [String]) async throws -> (Int32, String, String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "percolator-cli").async {
                do {
                    // Both streams are small (a table, a sentence): reading one, then the other, cannot fill a pipe.
                    let process = try ChildProcess(ServerProcess.executable.path, arguments,
                                                   standardOutput: .pipe, standardError: .pipe)
                    let data = process.standardOutput.map(ChildProcess.readToEnd) ?? []
                    let errorData = process.standardError.map(ChildProcess.readToEnd) ?? []
                    let status = process.waitForExit()
                    continuation.resume(returning: (status, String(decoding: data, as: UTF8.self),
                                                    String(decoding: errorData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test("members list prints a table (or --json); session run matches a program's session; session show prints its groups")
    func listAndRun() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = try await LiveServer.start(in: directory)
        let scim = try live.client()
        let ids = try await ProgramSessionTests.provision(scim, 4, prefix: "cli")
        _ = try await scim.patch("/scim/v2/Users/\(ids[3])", SCIMBodies.patch([["op": "replace", "path": "active", "value": false]]))
        let admin = try live.client(token: live.adminToken)
        let future = JSONValue.string(Date().addingTimeInterval(3_600).formatted(.iso8601))
        let program = try await admin.post("/api/v1/programs", ["name": "CLI roulette", "audience": ["type": "all"],
                                                                "schedule": ["type": "once", "at": future]])
        #expect(program.status == 201)
        await live.stopKeepingData()
        let database = directory.appendingPathComponent("percolator.sqlite").path

        let (status, output) = try await Self.run(["members", "list", "--database", database])
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "a header and four members: \(output)")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "EMAIL", "STATUS", "SOURCE", "CATEGORIES"])
        // Columns are aligned: every row's email starts where the header's EMAIL does.
        let emailColumn = try #require(lines.first?.range(of: "EMAIL")?.lowerBound.utf16Offset(in: lines[0]))
        for line in lines.dropFirst() { #expect(line.range(of: "cli", options: .backwards)?.lowerBound.utf16Offset(in: line) == emailColumn, "\(line)") }
        #expect(lines.filter { $0.contains("deactivated by IdP") }.count == 1, "\(output)")
        #expect(lines.dropFirst().allSatisfy { $0.contains("scim") && $0.contains("department=") }, "\(output)")
        let (filtered, text) = try await Self.run(["members", "list", "--database", database, "--q", "cli2@"])
        #expect(filtered == 0 && text.split(separator: "\n").count == 2)
        let (json, jsonText) = try await Self.run(["members", "list", "--database", database, "--json"])
        let items = try JSONParser.parse(jsonText).arrayValue ?? []
        #expect(json == 0 && items.count == 4 && items.allSatisfy { $0[attribute: "id"]?.stringValue != nil })

        let (ran, report) = try await Self.run(["session", "run", "CLI roulette", "--database", database])
        #expect(ran == 0, "\(report)")
        #expect(report.contains("participants 3 in 1 groups"), "\(report)")
        #expect(report.contains(" ms") || report.contains(" µs") || report.contains(" s\n"), "a readable duration: \(report)")
        #expect(!report.contains("seconds"), "not Duration's description: \(report)")
        let sessionID = try #require(report.split(separator: " ").dropFirst().first.map(String.init))
        let (shown, groups) = try await Self.run(["session", "show", sessionID, "--database", database])
        #expect(shown == 0, "\(groups)")
        #expect(groups.contains("GROUP") && groups.contains("MEMBERS") && groups.contains("@example.com>"), "\(groups)")
        #expect(groups.contains(": matched"), "\(groups)")
        let (missing, _) = try await Self.run(["session", "run", "nope", "--database", database])
        #expect(missing == 1)
        #expect(try await Self.run(["session", "show", "nope", "--database", database]).0 == 1)
    }

    @Test("members import: a dry run reports, --apply writes all rows, --map sends a French column to a category")
    func importCommand() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = try await LiveServer.start(in: directory)
        let admin = try live.client(token: live.adminToken)
        #expect(try await admin.post("/api/v1/categories", ["key": "site", "label": "Site"]).status == 201)
        await live.stopKeepingData()
        let database = directory.appendingPathComponent("percolator.sqlite").path
        let csv = directory.appendingPathComponent("members.csv")
        try "Prénom;Nom;Email;Ville\nAda;Lovelace;ada@example.com;Paris\nAlan;Turing;alan@example.com;Lyon\n"
            .write(to: csv, atomically: true, encoding: .utf8)

        let (dry, report) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville=Site"])
        #expect(dry == 0, "\(report)")
        #expect(report.hasPrefix("dry run: nothing was written"), "\(report)")
        let counts = report.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(counts.contains(["ROWS", "CREATED", "UPDATED", "UNCHANGED", "REJECTED", "WITH", "WARNINGS", "WELCOME", "EMAILS"]))
        #expect(counts.contains(["2", "2", "0", "0", "0", "0", "0"]), "\(report)")
        let (_, json) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville=Site", "--json"])
        #expect(json.contains("\"created\" : 2") || json.contains("\"created\": 2"), "\(json)")
        #expect(try await Self.run(["members", "list", "--database", database]).1.isEmpty, "a dry run writes nothing")

        let (applied, _) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville=Site", "--apply"])
        #expect(applied == 0)
        let listed = try await Self.run(["members", "list", "--database", database]).1
        #expect(listed.split(separator: "\n").count == 3)
        #expect(listed.contains("ada@example.com") && listed.contains(" csv ") && listed.contains("site=Paris"), "\(listed)")
        // `percolator import` is the same command; re-importing the same file changes nothing.
        let (again, same) = try await Self.run(["import", csv.path, "--database", database, "--map", "Ville=Site", "--apply"])
        #expect(again == 0 && same.contains("imported: 0 created, 0 updated."), "\(same)")
        let (bad, _) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville"])
        #expect(bad == 64)
    }

    @Test("a database file that does not exist is named, with --database suggested; none is created")
    func missingDatabase() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-none-\(UUID().uuidString).sqlite").path
        for arguments in [["members", "list"], ["tenant", "list"], ["session", "show", "x"]] {
            let (status, output, errors) = try await Self.runCapturingErrors(arguments + ["--database", path])
            #expect(status == 1 && output.isEmpty)
            #expect(errors.contains("there is no database at '\(path)'") && errors.contains("--database"), "\(errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
