import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("Recorded IdP and RFC exchanges replayed on the live server")
struct IdPFixtureReplayTests {
    static let exchanges: [String] = ["entra", "okta", "onelogin", "rfc7644"].flatMap(RepositoryFixtures.names(in:))
        .filter { name in (try? RepositoryFixtures.json(name))?[attribute: "request"] != nil }

    @Test("every fixture folder has exchanges")
    func foldersAreNotEmpty() {
        for folder in ["entra/", "okta/", "onelogin/", "rfc7644/"] {
            #expect(Self.exchanges.contains { $0.hasPrefix(folder) }, "no exchange in \(folder)")
        }
    }

    @Test("the server answers each exchange as recorded", arguments: exchanges)
    func replay(name: String) async throws {
        try await LiveServer.with { live in
            var replayer = FixtureReplayer(client: try live.client())
            let outcome = try await replayer.replay(try RepositoryFixtures.json(name))
            #expect(outcome.response.status == outcome.expectedStatus, "\(name): \(outcome.response.text)")
            #expect(outcome.mismatches.isEmpty, "\(name): \(outcome.mismatches.joined(separator: "; "))")
        }
    }
}
