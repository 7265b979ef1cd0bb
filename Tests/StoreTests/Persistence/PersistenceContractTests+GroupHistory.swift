import Coffee
import Foundation
import Testing
@testable import Store

/// One history row per group (issue 16, migration 0030), the same assertions on both
/// backends: the history, a member's groups and unavailability read as before, from
/// `match_sessions`, `match_groups` and `match_participants`; per-member history rows
/// written by older builds are carried over.
@Suite("Persistence contract — group history (0030) on SQLite and PostgreSQL")
struct PersistenceContractGroupHistoryTests {
    static let start = PersistenceContractSessionTests.start
    static let trio = (0..<6).map { Participant(id: ParticipantID("p\($0)")) }

    @Test("groups of three: one row per group; history, a member's groups, unavailability; the program's deletion takes it along",
          arguments: StorageBackend.allCases)
    func groupsOfThree(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            var trios = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            trios.matching.groupSize = 3
            let program = trios
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            var matched: [(Session, MatchingResult)] = []
            for index in 0..<2 {
                let session = Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(Double(index + 1) * 86_400),
                                                at: Self.start)
                let result = MatchingEngine.run(MatchingInput(participants: index == 0 ? Self.trio : Array(Self.trio.prefix(3)),
                                                              configuration: program.matching, history: MatchHistory(),
                                                              priority: [], seed: UInt64(index)))
                let done = try SessionTransition.match(try SessionTransition.open(session, at: Self.start), result: result,
                                                       audienceSize: 6, at: Self.start.addingTimeInterval(Double(index)))
                try await backend.persistence.write { tx in
                    _ = try tx.sessions.insert(session)
                    try tx.sessions.update(done)
                    try tx.sessions.saveResult(result, of: done)
                }
                matched.append((done, result))
            }
            #expect(matched[0].1.groups.map(\.members.count) == [3, 3] && matched[1].1.groups.map(\.members.count) == [3])
            let sessions = matched.map(\.0.id)
            let read = try await backend.persistence.write { tx in
                try tx.sessions.markUnavailable(member: MemberID("p5"), tenant: tenant)
                return (try tx.sessions.history(program: program.id, tenant: tenant, sessions: 5),
                        try tx.sessions.groups(of: MemberID("p0"), tenant: tenant, limit: 5),
                        try tx.sessions.groups(of: MemberID("p5"), tenant: tenant, limit: 5),
                        try tx.sessions.unavailableMembers(session: sessions[0], tenant: tenant),
                        try tx.sessions.unavailableMembers(session: sessions[1], tenant: tenant),
                        try tx.sessions.nextMatchSequence(tenant: tenant))
            }
            #expect(read.0.count == 2)
            #expect(read.0.map { PersistenceContractSessionTests.pairs($0) }
                    == matched.reversed().map { PersistenceContractSessionTests.pairs($0.1.groups.map(\.members)) })
            #expect(read.1.map(\.sessionID) == [matched[1].0.id, matched[0].0.id], "most recently matched first")
            #expect(read.1.first?.members == [MemberID("p0"), MemberID("p1"), MemberID("p2")], "the whole group, in id order")
            let own = try #require(matched[0].1.groups.firstIndex { $0.members.contains(ParticipantID("p5")) })
            #expect(read.2.map(\.number) == [own] && read.2.first?.members.count == 3)
            #expect(read.3 == ["p5"] && read.4.isEmpty, "unavailable only where the member took part")
            #expect(read.5 == 3)
            let left = try await backend.persistence.write { tx in
                try tx.programs.delete(id: program.id, tenant: tenant)
                return (try tx.sessions.history(program: nil, tenant: tenant, sessions: 5),
                        try tx.sessions.groups(of: MemberID("p0"), tenant: tenant, limit: 5),
                        try tx.sessions.nextMatchSequence(tenant: tenant))
            }
            #expect(left.0.isEmpty && left.1.isEmpty && left.2 == 1, "the history goes with its sessions")
        }
    }

    @Test("a session matched with no group is no session of the history, as when it had no row", arguments: StorageBackend.allCases)
    func noGroup(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            let (_, paired) = try await PersistenceContractSessionTests.match(program, scheduledIn: 1, matchedAt: Self.start, seed: 1,
                                                                              in: backend.persistence)
            let session = Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(2 * 86_400), at: Self.start)
            let alone = MatchingEngine.run(MatchingInput(participants: [Participant(id: ParticipantID("m0"))],
                                                         configuration: program.matching, history: MatchHistory(), priority: [], seed: 1))
            #expect(alone.groups.isEmpty)
            let done = try SessionTransition.match(try SessionTransition.open(session, at: Self.start), result: alone,
                                                   audienceSize: 1, at: Self.start.addingTimeInterval(60))
            let history = try await backend.persistence.write { tx in
                _ = try tx.sessions.insert(session)
                try tx.sessions.update(done)
                try tx.sessions.saveResult(alone, of: done)
                return try tx.sessions.history(program: program.id, tenant: tenant, sessions: 1)
            }
            #expect(history.count == 1 && PersistenceContractSessionTests.pairs(history[0])
                    == PersistenceContractSessionTests.pairs(paired.groups.map(\.members)))
        }
    }

    @Test("ids with any character but U+001F survive the members column", arguments: StorageBackend.allCases)
    func storedMembers(_ backend: StorageBackend) async throws {
        let ids = ["a b,c", "é|\"x\"", "z\n1", "0"].map(ParticipantID.init)
        #expect(HistoryGroup.members(stored: HistoryGroup(number: 0, members: ids).storedMembers) == ids)
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            let session = Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(86_400), at: Self.start)
            let result = MatchingEngine.run(MatchingInput(participants: ids.map { Participant(id: $0) }, configuration: program.matching,
                                                          history: MatchHistory(), priority: [], seed: 1))
            let done = try SessionTransition.match(try SessionTransition.open(session, at: Self.start), result: result,
                                                   audienceSize: 4, at: Self.start)
            let read = try await backend.persistence.write { tx in
                try tx.programs.save(program)
                _ = try tx.sessions.insert(session)
                try tx.sessions.update(done)
                try tx.sessions.saveResult(result, of: done)
                return (try tx.sessions.history(program: nil, tenant: tenant, sessions: 1),
                        try tx.sessions.groups(of: MemberID("é|\"x\""), tenant: tenant, limit: 1))
            }
            #expect(read.0 == [result.groups.map(\.members)])
            let own = try #require(result.groups.first { $0.members.contains(ParticipantID("é|\"x\"")) })
            #expect(read.1.first?.members == own.members.map { MemberID($0.rawValue) }
                .sorted { GroupPlacement.bytesPrecede($0.rawValue, $1.rawValue) })
        }
    }
}
