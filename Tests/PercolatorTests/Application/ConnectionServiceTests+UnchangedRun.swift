import Coffee
import Crypto
import Foundation
@testable import Percolator
import Store
import Testing

/// The second, unchanged run (issue 14): people recognised by their link's fingerprint;
/// the apply in bounded chunks, a crash between two of them completed by the next run.
extension ConnectionServiceTests {
    /// The three pages, Ray Stantz's title on page 3 replaced by `title`.
    static func pages(rayTitle title: String) throws -> [VendorStub.Reply] {
        var replies = try pages()
        let text = String(decoding: replies[2].body, as: UTF8.self)
        replies[2].body = Array(text.replacingOccurrences(of: "\"Occult expert\"", with: "\"\(title)\"").utf8)
        return replies
    }

    static func state(_ fixture: ServiceFixture) async throws -> (members: [Member], events: Int, links: [SyncedLink]) {
        try await fixture.persistence.read { db in
            let connection = try db.connections.connections(tenant: Self.t1)[0]
            return (try db.members.liveMembers(tenant: Self.t1).sorted { $0.id < $1.id },
                    try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count,
                    try db.connections.syncedLinks(of: connection.id, tenant: Self.t1))
        }
    }

    @Test("an unchanged run is recognised by fingerprints and writes nothing; a changed title updates one member; a member changed through another door is planned in full")
    func unchangedRun() async throws {
        try await ServiceFixture.with { fixture in
            let script = try Self.pages() + Self.pages() + Self.pages() + Self.pages(rayTitle: "Chief occult expert")
            try await VendorStub.with([Self.route: script]) { stub in
                let connections = try Self.service(fixture)
                let connection = try await connections.create(Self.slack(stub), tenant: Self.t1, at: Self.now)
                let first = try await connections.run(connection.id, tenant: Self.t1, at: Self.now)
                #expect(first.summary.contains("\"created\":3"), "\(first.summary)")
                let afterFirst = try await Self.state(fixture)
                #expect(afterFirst.links.count == 3 && afterFirst.links.allSatisfy { $0.fingerprint != nil },
                        "every kept person's link carries its fingerprint")

                let second = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
                #expect(second.outcome == .succeeded && second.summary.contains("\"created\":0") && second.summary.contains("\"updated\":0"))
                let afterSecond = try await Self.state(fixture)
                #expect(afterSecond.members == afterFirst.members && afterSecond.events == afterFirst.events)
                #expect(second.summary.contains("\"skipped.guest\":2") && second.summary.contains("\"skipped.inactiveInSource\":1"),
                        "the people left out are still counted: \(second.summary)")

                // An admin changes Ray's title category by hand: the member's version moves,
                // so the unchanged listing is planned in full and the source's title comes back.
                guard var ray = afterSecond.members.first(where: { $0.userName.lowercased().hasPrefix("stantz") }) else {
                    Issue.record("Ray was created")
                    return
                }
                ray.categoryValues["title"] = ["Receptionist"]
                ray.version += 1
                try await fixture.persistence.write { [ray] db in try db.members.save(ray) }
                let third = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(120))
                #expect(third.summary.contains("\"updated\":1"), "\(third.summary)")
                let afterThird = try await Self.state(fixture)
                #expect(afterThird.members.first { $0.id == ray.id }?.categoryValues["title"] == ["Occult expert"])
                #expect(afterThird.links.allSatisfy { $0.fingerprint != nil }, "marked again at the new version")

                let fourth = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(180))
                #expect(fourth.summary.contains("\"updated\":1") && fourth.summary.contains("\"created\":0"), "\(fourth.summary)")
                let afterFourth = try await Self.state(fixture)
                let changed = zip(afterThird.members, afterFourth.members).filter { $0 != $1 }.map(\.1)
                #expect(changed.map(\.id) == [ray.id] && changed.first?.categoryValues["title"] == ["Chief occult expert"],
                        "only the changed person's member is written")
            }
        }
    }

    @Test("the apply in chunks: a crash after the first chunk keeps it, removes nobody, and the next run completes the rest once")
    func crashMidApply() async throws {
        try await ServiceFixture.with { fixture in
            try await VendorStub.with([Self.route: try Self.pages() + Self.pages() + Self.pages()]) { stub in
                let key = try EncryptionKey.generate()
                // Writes: 1 claims the run, 2 creates the first person, 3 (the second) fails.
                var crashing = ConnectionService(persistence: InterruptedPersistence(fixture.persistence, failingWrite: 3),
                                                 cipher: CredentialCipher(key: key))
                crashing.applyChunkSize = 1
                var connections = try Self.service(fixture, key: key)
                connections.applyChunkSize = 1
                let connection = try await connections.create(Self.slack(stub), tenant: Self.t1, at: Self.now)
                let crashed = try await crashing.run(connection.id, tenant: Self.t1, at: Self.now)
                #expect(crashed.outcome == .failed && crashed.error?.contains("next run completes it") == true, "\(crashed.error ?? "")")
                let partial = try await Self.state(fixture)
                #expect(partial.members.count == 1 && partial.links.count == 1 && partial.links[0].fingerprint != nil,
                        "the first chunk stands, its person marked")

                let next = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
                #expect(next.outcome == .succeeded && next.summary.contains("\"created\":2") && next.summary.contains("\"deactivated\":0"),
                        "\(next.summary)")
                let complete = try await Self.state(fixture)
                #expect(complete.members.count == 3 && Set(complete.members.map(\.userName)).count == 3, "nobody twice")
                #expect(complete.links.count == 3 && complete.links.allSatisfy { $0.isActive && $0.fingerprint != nil })

                let again = try await connections.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(120))
                #expect(again.summary.contains("\"created\":0") && again.summary.contains("\"updated\":0"))
                #expect(try await Self.state(fixture).events == complete.events, "idempotent")
            }
        }
    }
}
