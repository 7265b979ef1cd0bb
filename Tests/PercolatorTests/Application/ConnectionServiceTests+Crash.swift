import Coffee
import Crypto
import Foundation
@testable import Percolator
import Store
import Testing

/// A run whose instance dies (or stalls) mid-listing (issue 14, "a crash mid-run → the
/// next run completes normally").
extension ConnectionServiceTests {
    @Test("an instance that dies mid-listing: the next run completes once its lease expires; if it was only stalled, its late listing changes nothing")
    func crashMidRun() async throws {
        try await ServiceFixture.with { fixture in
            // B's complete listing, then the one A read before stalling: page 3 alone, which
            // applied would deactivate everyone of pages 1 and 2.
            try await VendorStub.with([Self.route: try Self.pages() + [try .fixture("slack/users.list-page3.json")]]) { stub in
                let key = try EncryptionKey.generate()
                var a = try Self.service(fixture, key: key), b = try Self.service(fixture, key: key)
                a.instance = "instance-a"
                b.instance = "instance-b"
                b.clientConfiguration.initialBackoff = 0.01
                let connection = try await a.create(Self.slack(stub, intervalHours: 24), tenant: Self.t1, at: Self.now)
                // A claims the run and starts listing; then its process dies: the claim is all that is left.
                let lease = a.runLease
                let claimed = try await fixture.persistence.write { db in
                    try db.connections.claimRun(of: connection.id, tenant: Self.t1, by: "instance-a", at: Self.now,
                                                leaseUntil: Self.now.addingTimeInterval(lease))
                }
                #expect(claimed)
                await #expect(throws: ServiceError.self, "A's lease still runs") {
                    try await b.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
                }
                let recovered = try await b.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(a.runLease + 1))
                #expect(recovered.outcome == .succeeded && recovered.summary.contains("\"created\":3"), "\(recovered.summary)")
                let afterB = try await fixture.persistence.read { db in
                    (try db.members.liveMembers(tenant: Self.t1).filter(\.idpActive).count,
                     try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count)
                }

                // A was not dead but stalled: it comes back with its older listing.
                let late = try await a.complete(connection, runStartedAt: Self.now)
                #expect(late.outcome == .failed && late.error?.contains("another one took over") == true, "\(late.error ?? "")")
                let afterA = try await fixture.persistence.read { db in
                    (try db.members.liveMembers(tenant: Self.t1).filter(\.idpActive).count,
                     try db.outbox.page(tenant: Self.t1, after: 0, limit: 1_000).count)
                }
                #expect(afterA == afterB, "the late listing deactivated nobody and announced nothing")
                #expect(try await b.runs(connection.id, tenant: Self.t1).map(\.outcome) == [.failed, .succeeded])
                #expect(try await b.run(connection.id, tenant: Self.t1, at: Self.now.addingTimeInterval(a.runLease + 2)).outcome == .failed,
                        "the stub has nothing more to serve, but the connection is free to run again")
            }
        }
    }
}
