import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("Recorded IdP and RFC exchanges replayed on the live server")
struct IdPFixtureReplayTests {
    static let exchanges: [String] = ["entra", "okta", "onelogin", "rfc7644"].flatMap(RepositoryFixtures.names(in:))
        .filter { name in (try? RepositoryFixtures.json(name))?[attribute: "request"] != nil }

    static let conversations: [String] = ["entra", "okta", "onelogin", "jumpcloud"].flatMap(RepositoryFixtures.names(in:))
        .filter { name in (try? RepositoryFixtures.json(name))?[attribute: "steps"] != nil }

    @Test("Entra ID, Okta, OneLogin and JumpCloud each have a recorded conversation")
    func conversationsAreNotEmpty() {
        for folder in ["entra/", "okta/", "onelogin/", "jumpcloud/"] {
            #expect(Self.conversations.contains { $0.hasPrefix(folder) }, "no conversation in \(folder)")
        }
    }

    @Test("each recorded conversation is answered step by step as recorded", arguments: conversations)
    func conversation(name: String) async throws {
        try await LiveServer.with { live in
            var replayer = ConversationReplayer(client: try live.client(), admin: try live.client(token: live.adminToken))
            let problems = try await replayer.replay(try RepositoryFixtures.json(name))
            #expect(problems.isEmpty, "\(name):\n\(problems.joined(separator: "\n"))")
        }
    }

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
