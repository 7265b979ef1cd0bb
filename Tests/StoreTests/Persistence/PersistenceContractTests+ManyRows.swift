import Coffee
import Foundation
import Testing
@testable import Store

/// A match's staging calls carry tens of rows each, which the stores insert several per
/// statement (issue 16); the same assertions on both backends: the rows are those one call
/// per row gives, in the same order, and a key already held (in the same call too) is skipped.
@Suite("Persistence contract — many rows per outbox append and staging call on SQLite and PostgreSQL")
struct PersistenceContractManyRowsTests {
    static let start = PersistenceContractSessionTests.start

    @Test("37 introductions appended in one call (one of them twice) are the rows 37 calls of one give, in order",
          arguments: StorageBackend.allCases)
    func manyOutboxRows(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let many = backend.persistence.encode(PersistenceContractEncodedEventsTests.introductions("s-many", tenant: tenant, groups: 37))
            let one = backend.persistence.encode(PersistenceContractEncodedEventsTests.introductions("s-one", tenant: tenant, groups: 37))
            let counts = try await backend.persistence.write { tx in
                try tx.outbox.closeGate("match:s-many", tenant: tenant)
                try tx.outbox.closeGate("match:s-one", tenant: tenant)
                let together = try tx.outbox.append(EncodedEvents(rows: many.rows + [many.rows[5]]), behind: "match:s-many", tenant: tenant)
                let singly = try one.rows.map { row in
                    try tx.outbox.append(EncodedEvents(rows: [row]), behind: "match:s-one", tenant: tenant)
                }
                let again = try tx.outbox.append(many, behind: "match:s-many", tenant: tenant)
                return (together, singly, again)
            }
            #expect(counts.0 == 37 && counts.1 == Array(repeating: 1, count: 37) && counts.2 == 0,
                    "a key already held, in the same call too, is skipped and not counted")
            let entries = try await backend.persistence.write { tx in
                try tx.outbox.openGate("match:s-many", tenant: tenant, at: Self.start)
                try tx.outbox.openGate("match:s-one", tenant: tenant, at: Self.start)
                return try tx.outbox.page(tenant: tenant, after: 0, limit: 100)
            }
            let fromMany = entries.filter { $0.subject == "s-many" }, fromOne = entries.filter { $0.subject == "s-one" }
            #expect(fromMany.map { $0.payload.introduction?.group } == (0..<37).map { $0 }, "in the order given")
            #expect(fromMany.map { PersistenceContractEncodedEventsTests.columns($0).map { $0.replacingOccurrences(of: "s-many", with: "s-one") } }
                    == fromOne.map(PersistenceContractEncodedEventsTests.columns))
        }
    }

    @Test("the history of 75 members staged in one call per table is the history of the result written whole",
          arguments: StorageBackend.allCases)
    func manyHistoryRows(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try PersistenceContractSessionTests.program("p1", tenant: tenant)
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            let people = (0..<75).map { Participant(id: ParticipantID("m\($0)")) }
            let session = Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(86_400), at: Self.start)
            let result = MatchingEngine.run(MatchingInput(participants: people, configuration: program.matching,
                                                          history: MatchHistory(), priority: [], seed: 5))
            #expect(result.groups.count == 37)
            let matched = try SessionTransition.match(try SessionTransition.open(session, at: Self.start), result: result,
                                                      audienceSize: people.count, at: Self.start)
            let encoded = try backend.persistence.encode(result)
            try await backend.persistence.write { tx in try tx.sessions.insert(session) }
            try await backend.persistence.stage { tx in
                try tx.sessions.stageHistory(groups: HistoryGroup.of(result, groups: result.groups.indices),
                                             placements: GroupPlacement.byMember(result), of: matched,
                                             matchedAt: Self.start, sequence: 1)
            }
            try await backend.persistence.write { tx in
                try tx.sessions.update(matched)
                try tx.sessions.saveResult(encoded, of: matched)
            }
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.history(program: nil, tenant: tenant, sessions: 5),
                 try people.map { try tx.sessions.groups(of: MemberID($0.id.rawValue), tenant: tenant, limit: 5) })
            }
            #expect(read.0.count == 1 && read.0.first == result.groups.map(\.members), "every group, in order, its members in order")
            for (person, groups) in zip(people, read.1) {
                let number = result.groups.firstIndex { $0.members.contains(person.id) }
                #expect(groups.map(\.number) == [number].compactMap { $0 }, "\(person.id) is in its own group")
            }
        }
    }
}
