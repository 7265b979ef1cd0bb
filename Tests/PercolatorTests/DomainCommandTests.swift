import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `percolator members list` and `percolator session run`, the real binary against the
/// database a live server wrote.
@Suite("percolator members list / session run", .serialized)
struct DomainCommandTests {
    /// Runs the binary with `arguments`; returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "percolator-cli").async {
                do {
                    let process = try ChildProcess(ServerProcess.executable.path, arguments,
                                                   standardOutput: .pipe, standardError: .null)
                    let data = process.standardOutput.map(ChildProcess.readToEnd) ?? []
                    let status = process.waitForExit()
                    continuation.resume(returning: (status, String(decoding: data, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test("members list prints the members with their statuses; session run matches a program's session")
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
        let lines = output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.filter { $0.contains("\tnot-eligible") }.count == 1)
        let (filtered, text) = try await Self.run(["members", "list", "--database", database, "--q", "cli2@"])
        #expect(filtered == 0 && text.split(separator: "\n").count == 1)

        let (ran, report) = try await Self.run(["session", "run", "CLI roulette", "--database", database])
        #expect(ran == 0, "\(report)")
        #expect(report.contains("participants 3 in 1 groups"), "\(report)")
        let (missing, _) = try await Self.run(["session", "run", "nope", "--database", database])
        #expect(missing == 1)
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
        #expect(report.contains("\"created\" : 2") || report.contains("\"created\": 2"), "\(report)")
        #expect(try await Self.run(["members", "list", "--database", database]).1.isEmpty, "a dry run writes nothing")

        let (applied, _) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville=Site", "--apply"])
        #expect(applied == 0)
        let listed = try await Self.run(["members", "list", "--database", database]).1
        #expect(listed.split(separator: "\n").count == 2)
        #expect(listed.contains("ada@example.com") && listed.contains("\tcsv\t"))
        // `percolator import` is the same command; re-importing the same file changes nothing.
        let (again, same) = try await Self.run(["import", csv.path, "--database", database, "--map", "Ville=Site", "--apply"])
        #expect(again == 0 && (same.contains("\"unchanged\" : 2") || same.contains("\"unchanged\": 2")), "\(same)")
        let (bad, _) = try await Self.run(["members", "import", csv.path, "--database", database, "--map", "Ville"])
        #expect(bad == 64)
    }
}
