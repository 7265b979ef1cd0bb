import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `percolator log`: the provisioning log as an aligned table, `--failures` only the
/// failed requests.
@Suite("percolator log — a tenant's provisioning log as a table")
struct ProvisioningLogCommandTests {
    @Test("newest first, aligned columns; --failures keeps the 409 with its detail")
    func table() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = try await LiveServer.start(in: directory)
        let scim = try live.client()
        let id = try await scim.createUser("log@example.com")
        _ = try await scim.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([["op": "replace", "path": "active", "value": false]]))
        #expect(try await scim.post("/scim/v2/Users", SCIMBodies.user("log@example.com")).status == 409)
        await live.stopKeepingData()
        let database = directory.appendingPathComponent("percolator.sqlite").path

        let (status, output) = try await DomainCommandTests.run(["log", "--database", database])
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "a header and three entries: \(output)")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["TIME", "OPERATION", "TARGET", "STATUS"])
        let statusColumn = try #require(lines.first?.range(of: "STATUS")?.lowerBound.utf16Offset(in: lines[0]))
        #expect(lines.dropFirst().map { String($0.dropFirst(statusColumn).prefix(3)) } == ["409", "200", "201"], "\(output)")
        #expect(lines[2].contains("status active → inactive"), "\(output)")
        let (_, failures) = try await DomainCommandTests.run(["log", "--database", database, "--failures"])
        #expect(failures.split(separator: "\n").count == 2 && failures.contains("uniqueness"), "\(failures)")
    }
}
