import Foundation

/// The sync-planning benchmark behind `percolator bench sync`: a synthetic listing of
/// `size` people (half of them already members through SCIM, matched by email), planned
/// three times: the first run (links half, creates half), the same listing again
/// (nothing changed: an empty plan), and a listing where 1 % changed (half leavers, half
/// new titles). Only the planner is timed, not the in-memory apply between runs; the
/// Store's apply step and the vendor's pages are outside this figure.
public enum SyncPlanningBenchmark {
    /// One measured planning run.
    public struct Row: Sendable {
        /// What was planned.
        public var phase: String
        /// People in the listing.
        public var people: Int
        /// Wall-clock time of the planner.
        public var elapsed: Duration
        /// CPU time of the planner on the calling thread, nil where unavailable.
        public var cpuTime: Duration?
        /// The plan's counts.
        public var summary: SyncPlan.Summary
        /// The process's peak resident memory after the run, in bytes.
        public var peakResidentBytes: Int?
    }

    /// The table `percolator bench sync` prints.
    public static func run(size: Int = 100_000) -> String {
        var lines = ["phase\tpeople\tms\tcpu ms\tcreated\tupdated\tdeactivated\tlinked\tunlinked\tpeakRSS MB"]
        for row in measure(size: size) {
            let cpu = row.cpuTime.map { String(format: "%.1f", MatchingBenchmark.milliseconds($0)) } ?? "?"
            let rss = row.peakResidentBytes.map { String(format: "%.0f", Double($0) / 1_048_576) } ?? "?"
            let summary = row.summary
            lines.append("\(row.phase)\t\(row.people)\t" + String(format: "%.1f", MatchingBenchmark.milliseconds(row.elapsed))
                + "\t\(cpu)\t\(summary.created)\t\(summary.updated)\t\(summary.deactivated)\t\(summary.linked)\t"
                + "\(summary.unlinked)\t\(rss)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The three runs, in order: `first`, `unchanged`, `1% changed`.
    public static func measure(size: Int) -> [Row] {
        let context = SyncContext(connectionID: ConnectionID("bench"), kind: .slack,
                                  fieldMapping: SourceFieldMapping([.init(field: "title", key: .jobTitle),
                                                                    .init(field: "department", key: .department)]))
        let tenant = TenantID("bench")
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let listing = SourceListing(people: (0..<size).map { person($0) })
        let existing: [LinkedMember] = (0..<size / 2).compactMap { index in
            guard let email = try? EmailAddress("person\(index)@example.com") else { return nil }
            return LinkedMember(member: Member(id: MemberID("scim-\(index)"), tenantID: tenant, userName: email.rawValue,
                                               givenName: "Given\(index)", familyName: "Family\(index)", emails: [email],
                                               source: .scim, createdAt: start))
        }
        var rows: [Row] = []
        let (first, firstRow) = timed("first", listing, existing, context)
        rows.append(firstRow)
        var counter = 0
        let applied = (try? first.apply(to: existing, tenantID: tenant, context: context, at: start) {
            counter += 1
            return MemberID("new-\(counter)")
        })?.members ?? existing
        rows.append(timed("unchanged", listing, applied, context).1)
        var changed = listing
        let step = 100
        changed.people = listing.people.enumerated().compactMap { index, person in
            guard index % step == 0 else { return person }
            var next = person
            if index % (2 * step) == 0 { return nil }  // a leaver
            next.fields["title"] = "Promoted"
            return next
        }
        rows.append(timed("1% changed", changed, applied, context).1)
        return rows
    }

    private static func timed(_ phase: String, _ listing: SourceListing, _ members: [LinkedMember],
                              _ context: SyncContext) -> (SyncPlan, Row) {
        let clock = ContinuousClock()
        let cpuStart = ThreadCPUClock.now()
        let began = clock.now
        let plan = SyncPlanner.plan(listing, members: members, context: context)
        let elapsed = clock.now - began
        let cpuEnd = ThreadCPUClock.now()
        let cpu: Duration? = if let cpuStart, let cpuEnd { cpuEnd - cpuStart } else { nil }
        return (plan, Row(phase: phase, people: listing.people.count, elapsed: elapsed, cpuTime: cpu, summary: plan.summary,
                          peakResidentBytes: MatchingBenchmark.peakResidentBytes()))
    }

    /// Person `index`: 20 departments, 50 titles, a time zone.
    static func person(_ index: Int) -> SourcePerson {
        SourcePerson(sourceID: "U\(index)", givenName: "Given\(index)", familyName: "Family\(index)",
                     primaryEmail: "person\(index)@example.com", timeZoneIdentifier: "Europe/Paris",
                     fields: ["title": "Title \(index % 50)", "department": "Department \(index % 20)"])
    }
}
