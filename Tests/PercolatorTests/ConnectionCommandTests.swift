import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `percolator connections list` and `connections run` (issue 14, item 5: "Admin API,
/// CLI and console"), the real binary against the database and credentials key a live
/// server wrote, with Slack answering from the vendor's documented bodies.
@Suite("percolator connections list / run", .serialized)
struct ConnectionCommandTests {
    @Test("list shows the connection (credential's last four only); run syncs it through the same service; unknown names and tenants are refused")
    func listAndRun() async throws {
        let replies = try [VendorStub.Reply.fixture("slack/users.list-page1.json")] + ConnectionServiceTests.pages()
        try await VendorStub.with([ConnectionServiceTests.route: replies]) { stub in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let live = try await LiveServer.start(in: directory)
            let admin = try live.client(token: live.adminToken)
            let created = try await admin.post("/api/v1/connections", [
                "kind": "slack", "name": "Our Slack", "secret": "xoxb-1234-cli-secret-WXYZ",
                "baseURL": .string(stub.url("/api").absoluteString),
            ])
            #expect(created.status == 201, "\(String(describing: created.json))")
            let id = try #require(created[attribute: "id"]?.stringValue)
            await live.stopKeepingData()
            let database = directory.appendingPathComponent("percolator.sqlite").path

            let (listed, table) = try await DomainCommandTests.run(["connections", "list", "--database", database])
            #expect(listed == 0)
            let lines = table.split(separator: "\n").map(String.init)
            #expect(lines.count == 2, "a header and one connection: \(table)")
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true)
                        == ["ID", "NAME", "KIND", "CREDENTIAL", "NEXT", "RUN", "LAST", "RUN"])
            #expect(lines.last?.contains(id) == true && lines.last?.contains("Our Slack") == true)
            #expect(lines.last?.contains("…WXYZ") == true && !table.contains("xoxb-1234"), "only the last four characters")
            #expect(lines.last?.hasSuffix("never") == true, "\(table)")

            // The stub listens on loopback: refused unless allowed, as serve does.
            let (refused, refusal) = try await DomainCommandTests.run(["connections", "run", "our slack", "--database", database])
            #expect(refused != 0 && refusal.contains("loopback address"), "\(refusal)")
            let (ran, output, errors) = try await DomainCommandTests.runCapturingErrors(["connections", "run", "our slack", "--database", database,
                                                                                           "--connector-loopback", "on"])
            #expect(ran == 0, "\(output) \(errors)")
            #expect(output.hasPrefix("Our Slack: succeeded at ") && output.contains("\"created\":3"), "\(output)")
            let (_, members) = try await DomainCommandTests.run(["members", "list", "--database", database, "--json"])
            let sources = (try JSONParser.parse(members).arrayValue ?? []).compactMap { $0[attribute: "source"]?.stringValue }
            #expect(sources == ["slack", "slack", "slack"], "\(members)")

            let (again, table2) = try await DomainCommandTests.run(["connections", "list", "--database", database])
            #expect(again == 0 && table2.contains("succeeded at "), "the last run is shown: \(table2)")

            let (unknown, _, why) = try await DomainCommandTests.runCapturingErrors(["connections", "run", "Teams", "--database", database])
            #expect(unknown == 1 && why.contains("no connection 'Teams'"), "\(why)")
            let (otherTenant, _, tenantWhy) = try await DomainCommandTests.runCapturingErrors(
                ["connections", "list", "--database", database, "--tenant", "nobody"])
            #expect(otherTenant == 1 && tenantWhy.contains("no tenant named 'nobody'"), "\(tenantWhy)")
        }
    }
}
