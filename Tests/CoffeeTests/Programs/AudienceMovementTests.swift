import Testing
@testable import Coffee

/// Which audiences a change moves a member into or out of (the provisioning log's
/// "audiences joined or left", issue 15).
@Suite("Audience movement — joined and left, live members only, archived programs never")
struct AudienceMovementTests {
    typealias F = ProgramFixture

    static func programs() throws -> [Program] {
        [F.program(id: "all"),
         F.program(id: "paris", audience: .categories(try AudienceExpression(parsing: "city = Paris"))),
         F.program(id: "team", audience: .group(GroupID("g1"))),
         F.program(id: "old", status: .archived),
         F.program(id: "paused", audience: .categories(try AudienceExpression(parsing: "city = Lyon")),
                   status: .paused(.byAdmin))]
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var before: (city: String?, lifecycle: Lifecycle)?
        var after: (city: String?, lifecycle: Lifecycle, idpActive: Bool)?
        var groups: Set<String>
        var joined: [String]
        var left: [String]
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a new member joins all members and the expressions it matches",
            before: nil, after: ("Paris", .live, true), groups: [], joined: ["all", "paris"], left: []),
        Row(name: "a new member in a bound group joins that program too",
            before: nil, after: (nil, .live, true), groups: ["g1"], joined: ["all", "team"], left: []),
        Row(name: "a move from Paris to Lyon: leaves one, joins a paused program's audience",
            before: ("Paris", .live), after: ("Lyon", .live, true), groups: [], joined: ["paused"], left: ["paris"]),
        Row(name: "deactivated by the identity provider: stays in its audiences",
            before: ("Paris", .live), after: ("Paris", .live, false), groups: ["g1"], joined: [], left: []),
        Row(name: "deprovisioned: leaves every audience it was in",
            before: ("Paris", .live), after: ("Paris", .deprovisioned, false), groups: ["g1"], joined: [], left: ["all", "paris", "team"]),
        Row(name: "nothing changed: no movement",
            before: ("Lyon", .live), after: ("Lyon", .live, true), groups: [], joined: [], left: []),
    ]

    static func member(city: String?, lifecycle: Lifecycle, idpActive: Bool = true) throws -> Member {
        try Fixture.member(idpActive: idpActive, lifecycle: lifecycle, categories: city.map { ["city": [$0]] } ?? [:])
    }

    @Test("member moves (table)", arguments: rows)
    func memberMoves(row: Row) throws {
        let before = try row.before.map { try Self.member(city: $0.city, lifecycle: $0.lifecycle) }
        let after = try row.after.map { try Self.member(city: $0.city, lifecycle: $0.lifecycle, idpActive: $0.idpActive) }
        let moved = AudienceMovement.member(before: before, after: after, groups: Set(row.groups.map(GroupID.init)),
                                            programs: try Self.programs())
        #expect(moved.joined.map(\.rawValue) == row.joined)
        #expect(moved.left.map(\.rawValue) == row.left)
    }

    @Test("a group's joiners and leavers move the programs bound to it, never an archived one")
    func boundPrograms() throws {
        var programs = try Self.programs()
        programs.append(F.program(id: "retired-team", audience: .group(GroupID("g1")), status: .archived))
        #expect(AudienceMovement.programs(boundTo: GroupID("g1"), in: programs).map(\.id.rawValue) == ["team"])
        #expect(AudienceMovement.programs(boundTo: GroupID("g2"), in: programs).isEmpty)
    }
}
