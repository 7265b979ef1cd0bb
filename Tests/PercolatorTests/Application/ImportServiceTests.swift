import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// CSV imports written in chunks (issue 10): every row once, the run removed at the end,
/// an abandoned run finished by whoever takes it over, and writes between chunks kept.
@Suite("ImportService — chunked apply and take-over")
struct ImportServiceTests {
    static let t1 = ServiceFixture.t1
    static let now = ServiceFixture.now

    static func file(rows: Int) -> [UInt8] {
        var text = "First name,Last name,Email,Team\n"
        for index in 0..<rows { text += "Given\(index),Family\(index),member\(index)@example.com,T\(index % 7)\n" }
        return Array(text.utf8)
    }

    static func request(rows: Int) throws -> CSVImportService.Request {
        CSVImportService.Request(csv: file(rows: rows), columns: try ImportColumnChoices(query: [("column.Team", "new")]),
                                 sendsWelcomeEmail: true)
    }

    /// Counts what the import left; `runs` takes over any run left behind (a write), so call it last.
    static func state(_ fixture: ServiceFixture) async throws -> (members: Int, welcomes: Int, provisioned: Int, runs: Int) {
        try await fixture.persistence.write { db in
            let members = try db.members.liveMembers(tenant: t1).count
            let events = try db.outbox.page(tenant: t1, after: 0, limit: 100_000)
            let runs = try db.imports.takeOverAbandoned(by: "probe", at: .distantFuture, leaseUntil: .distantFuture) == nil ? 0 : 1
            return (members, events.count { $0.kind == "WelcomeEmailRequested" }, events.count { $0.kind == "MemberProvisioned" }, runs)
        }
    }

    @Test("rows are written in chunks of chunkRows, each once, with their events; no run is left behind",
          arguments: [1, 7, 1_000])
    func chunked(chunkRows: Int) async throws {
        try await ServiceFixture.with { fixture in
            var imports = ImportService(persistence: fixture.persistence)
            imports.chunkRows = chunkRows
            let outcome = try await imports.apply(try Self.request(rows: 25), tenant: Self.t1, at: Self.now)
            #expect(outcome.applied && outcome.memberIDs.count == 25 && outcome.welcomeEmails == 25)
            let state = try await Self.state(fixture)
            #expect(state.members == 25 && state.welcomes == 25 && state.provisioned == 25 && state.runs == 0)
            let catalog = try await fixture.persistence.read { db in try db.categories.catalog(tenant: Self.t1) }
            #expect(catalog[CategoryKey("team")]?.knownValues.count == 7)
        }
    }

    @Test("an abandoned run is finished by a take-over from its next row: every row once, nothing twice")
    func takeOver() async throws {
        try await ServiceFixture.with { fixture in
            let request = try Self.request(rows: 30)
            // An instance accepted the import and wrote the first 10 rows, then stopped: what
            // its first chunk committed, done here by hand.
            var first = ImportService(persistence: fixture.persistence)
            first.chunkRows = 10
            let snapshot = try await CSVImportService.snapshot(of: request, tenant: Self.t1, in: fixture.persistence)
            let plan = try CSVImportService.plan(request, against: snapshot)
            let run = ImportRun(id: "run-1", tenant: Self.t1, csv: request.csv, options: try ImportRunOptions(request).encoded(),
                                nextRow: 10, acceptedAt: Self.now, owner: first.instance, leaseUntil: Self.now.addingTimeInterval(15))
            try await fixture.persistence.write { db in
                try CSVImportService.growCatalog(with: plan, plannedAgainst: snapshot.catalog, tenant: Self.t1, in: db)
                let settings = try db.settings.settings(tenant: Self.t1)
                _ = try CSVImportService.applyRows(0..<10, of: plan, request: request, tenant: Self.t1,
                                                   settings: settings, at: Self.now, in: db)
                try db.imports.insert(run)
            }
            let firstOwner = first.instance
            let second = ImportService(persistence: fixture.persistence)
            // Within the lease, nobody takes it.
            #expect(try await second.resumeAbandoned(at: Self.now.addingTimeInterval(5)) == 0)
            #expect(try await fixture.persistence.read { db in try db.members.liveMembers(tenant: Self.t1).count } == 10)
            // After it, the other instance writes rows 10..<30, once.
            #expect(try await second.resumeAbandoned(at: Self.now.addingTimeInterval(16)) == 1)
            let state = try await Self.state(fixture)
            #expect(state.members == 30 && state.welcomes == 30 && state.provisioned == 30 && state.runs == 0)
            // The first instance, back, finds its run gone: its next chunk is refused.
            let advanced = try await fixture.persistence.write { db in
                try db.imports.advance(id: "run-1", tenant: Self.t1, owner: firstOwner, to: 20, leaseUntil: .distantFuture)
            }
            #expect(!advanced)
        }
    }

    @Test("a member created between the snapshot and its row is updated, not created twice")
    func createdMeanwhile() async throws {
        try await ServiceFixture.with { fixture in
            let request = try Self.request(rows: 5)
            let snapshot = try await CSVImportService.snapshot(of: request, tenant: Self.t1, in: fixture.persistence)
            let plan = try CSVImportService.plan(request, against: snapshot)
            #expect(plan.summary.created == 5)
            let meanwhile = try await fixture.member("member3@example.com")
            try await fixture.persistence.write { db in
                try CSVImportService.growCatalog(with: plan, plannedAgainst: snapshot.catalog, tenant: Self.t1, in: db)
                let settings = try db.settings.settings(tenant: Self.t1)
                let chunk = try CSVImportService.applyRows(0..<5, of: plan, request: request, tenant: Self.t1,
                                                           settings: settings, at: Self.now, in: db)
                #expect(chunk.memberIDs[3] == meanwhile.id)
            }
            #expect(try await fixture.persistence.read { db in try db.members.liveMembers(tenant: Self.t1).count } == 5)
        }
    }

    @Test("an admin's category change between snapshot and acceptance makes the import plan again, not fail")
    func catalogChangedMeanwhile() async throws {
        try await ServiceFixture.with { fixture in
            let request = try Self.request(rows: 3)
            let snapshot = try await CSVImportService.snapshot(of: request, tenant: Self.t1, in: fixture.persistence)
            let plan = try CSVImportService.plan(request, against: snapshot)
            try await fixture.persistence.write { db in
                var catalog = try db.categories.catalog(tenant: Self.t1)
                catalog.add(Category(key: CategoryKey("site"), label: "Site"))
                try db.categories.save(catalog, tenant: Self.t1)
            }
            await #expect(throws: ImportCatalogChanged.self) {
                try await fixture.persistence.write { db in
                    try CSVImportService.growCatalog(with: plan, plannedAgainst: snapshot.catalog, tenant: Self.t1, in: db)
                }
            }
            // Known values growing meanwhile (SCIM writes) do not count as a change.
            try await fixture.persistence.write { db in
                try db.categories.absorb(CategoryValues([CategoryKey("site"): ["Paris"]]), tenant: Self.t1)
            }
            let fresh = try await CSVImportService.snapshot(of: request, tenant: Self.t1, in: fixture.persistence)
            try await fixture.persistence.write { db in
                try db.categories.absorb(CategoryValues([CategoryKey("site"): ["Lyon"]]), tenant: Self.t1)
            }
            try await fixture.persistence.write { db in
                try CSVImportService.growCatalog(with: try CSVImportService.plan(request, against: fresh),
                                                 plannedAgainst: fresh.catalog, tenant: Self.t1, in: db)
            }
            #expect(try await fixture.persistence.read { db in try db.categories.catalog(tenant: Self.t1) }[CategoryKey("team")] != nil)
        }
    }
}
