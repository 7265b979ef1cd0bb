import Coffee
import Foundation
import Testing
@testable import Store

/// A large tenant's members read in id ranges at once (issue 16: a match reads two ranges
/// on two readers): the boundaries cut the members, whatever their lifecycle, into nearly
/// equal ranges that cover every id, and a range's pages hold its live members only, on
/// both backends.
@Suite("Persistence contract — members in id ranges (memberIDBoundaries, liveMembers through an id) on SQLite and PostgreSQL")
struct PersistenceContractMemberRangeTests {
    @Test("boundaries cut the tenant's members into nearly equal ranges; the ranges' pages read every live member once",
          arguments: StorageBackend.allCases)
    func ranges(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            // Ids not in creation order; every fourth deprovisioned.
            let ids = (0..<10).map { "m\(($0 * 7) % 10)" }
            let members = try ids.enumerated().map { index, id in
                try PersistenceContractTests.member(id, tenant: tenant, email: "\(id)@example.com",
                                                    lifecycle: index % 4 == 3 ? .deprovisioned : .live)
            }
            let stranger = try PersistenceContractTests.member("m45", tenant: other, email: "m45@example.com")
            try await backend.persistence.write { tx in
                for member in members + [stranger] { try tx.members.save(member) }
            }
            let read = try await backend.persistence.read { tx in
                (try tx.members.memberIDBoundaries(tenant: tenant, parts: 2),
                 try tx.members.memberIDBoundaries(tenant: tenant, parts: 3),
                 try tx.members.memberIDBoundaries(tenant: tenant, parts: 1),
                 try tx.members.memberIDBoundaries(tenant: tenant, parts: 40),
                 try tx.members.memberIDBoundaries(tenant: TenantID(rawValue: "none"), parts: 2))
            }
            #expect(read.0 == ["m4"], "the last id of the first half of the ten, live or not")
            #expect(read.1 == ["m2", "m5"], "10 × 1/3 − 1 and 10 × 2/3 − 1: positions 2 and 5")
            #expect(read.2.isEmpty && read.4.isEmpty, "one part, or no member: no boundary")
            #expect(read.3 == (0..<9).map { "m\($0)" }, "more parts than members: each member but the last ends a range, once")

            let live = Set(members.filter { $0.lifecycle == .live }.map(\.id))
            for boundaries in [read.0, read.1] {
                var seen: [MemberID] = []
                for (after, through) in zip([""] + boundaries, boundaries.map(Optional.some) + [nil]) {
                    var from = after
                    while true {
                        let cursor = from
                        let page = try await backend.persistence.read { tx in
                            try tx.members.liveMembers(tenant: tenant, afterID: cursor, throughID: through, limit: 2)
                        }
                        #expect(page.map(\.id.rawValue) == page.map(\.id.rawValue).sorted(), "in id order")
                        #expect(page.allSatisfy { member in
                            member.id.rawValue > after && through.map { member.id.rawValue <= $0 } ?? true
                        }, "within the range")
                        seen += page.map(\.id)
                        guard page.count == 2, let last = page.last else { break }
                        from = last.id.rawValue
                    }
                }
                #expect(seen.count == live.count && Set(seen) == live, "every live member once, in \(boundaries.count + 1) ranges")
            }
            let one = try await backend.persistence.read { tx in
                try tx.members.liveMembers(tenant: tenant, afterID: "m0", throughID: "m2", limit: 10)
            }
            #expect(one == members.filter { ["m1", "m2"].contains($0.id.rawValue) && $0.lifecycle == .live }
                .sorted { $0.id.rawValue < $1.id.rawValue }, "the members read back as saved")
        }
    }
}
