import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// A program bound to a Microsoft Teams team (audience `.connection`): joiners reach its
/// open session, leavers leave its audience, and the platform only when no other source
/// keeps them (issue 14, "a joiner and a leaver of a Team between two runs reaching an
/// open session").
extension ConnectionServiceTests {
    static let graphTenant = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

    static func teams(_ stub: VendorStub) -> ConnectionService.Input {
        var settings = ConnectionSettings()
        settings.baseURL = stub.url("/v1.0").absoluteString
        settings.authorityURL = stub.url().absoluteString
        settings.directoryID = graphTenant
        settings.clientID = "00001111-aaaa-2222-bbbb-3333cccc4444"
        settings.teamID = "02bd9fd6-8f93-4758-87c3-1fb73740a315"
        return ConnectionService.Input(kind: .teams, name: "Retail team", settings: settings, secret: "s3cr3t~value")
    }

    @Test("Teams: a joiner reaches the bound program's open session; leavers leave its audience, the platform only if no source keeps them")
    func teamsJoinerAndLeaver() async throws {
        try await ServiceFixture.with { fixture in
            let tokens = try [VendorStub.Reply.fixture("microsoft-graph/token.json"), .fixture("microsoft-graph/token.json")]
            let members = try [VendorStub.Reply.fixture("microsoft-graph/members-page1.json"), .fixture("microsoft-graph/members-page2.json"),
                               .fixture("microsoft-graph/members-after-change.json")]
            try await VendorStub.with(["POST /\(Self.graphTenant)/oauth2/v2.0/token": tokens,
                                       "GET /v1.0/groups/{id}/members/microsoft.graph.user": members]) { stub in
                // Alex is also a member through another door (added by hand).
                let alex = try await fixture.member("alexw@contoso.com")
                let connections = try Self.service(fixture)
                let team = try await connections.create(Self.teams(stub), tenant: Self.t1, at: Self.now)
                let first = try await connections.run(team.id, tenant: Self.t1, at: Self.now)
                #expect(first.outcome == .succeeded, "\(first.error ?? "")")

                let programs = ProgramService(persistence: fixture.persistence)
                let program = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("retail"),
                                                        ServiceFixture.draft(audience: .connection(team.id)))
                let session = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(86_400),
                                                            tenant: Self.t1, at: Self.now)
                func participants() async throws -> [String] {
                    let prepared = try await fixture.persistence.read { tx in
                        try SessionMatcher.prepare(session: session.id.rawValue, tenant: Self.t1, at: Self.now, in: tx)
                    }
                    let byID = prepared.members
                    return prepared.selection.participants.compactMap { byID[$0.id.rawValue]?.userName.lowercased() }.sorted()
                }
                #expect(try await participants() == ["adelev@contoso.com", "alexw@contoso.com"],
                        "the team's active members, not the disabled account nor the guest")

                let second = try await connections.run(team.id, tenant: Self.t1, at: Self.now.addingTimeInterval(3_600))
                #expect(second.outcome == .succeeded, "\(second.error ?? "")")
                #expect(try await participants() == ["lynner@contoso.com"], "the joiner is in the open session; the leavers are not")
                let after = try await fixture.persistence.read { db in
                    Dictionary(uniqueKeysWithValues: try db.members.liveMembers(tenant: Self.t1).map { ($0.userName.lowercased(), $0) })
                }
                #expect(after["alexw@contoso.com"]?.idpActive == true && after["alexw@contoso.com"]?.id == alex.id,
                        "Alex left the team, not the platform: another door keeps him")
                #expect(after["adelev@contoso.com"]?.idpActive == false, "Adele left the team and nothing else keeps her")
                #expect(after["lynner@contoso.com"]?.idpActive == true)
            }
        }
    }

    @Test("a program's connection audience must be a connection of the tenant")
    func connectionAudienceChecked() async throws {
        try await ServiceFixture.with { fixture in
            let programs = ProgramService(persistence: fixture.persistence)
            await #expect(throws: ServiceError.self) {
                _ = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("p"),
                                              ServiceFixture.draft(audience: .connection(ConnectionID("nope"))))
            }
        }
    }
}
