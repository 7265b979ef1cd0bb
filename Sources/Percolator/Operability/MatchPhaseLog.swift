/// How long each phase of a session's match took, one JSON line on standard error per
/// committed (or abandoned) attempt (issue 16: a 100,000-member match is measured phase
/// by phase): `{"time":…,"level":"info","event":"match","tenant":…,"session":…,
/// "attempt":1,"committed":true,"phases":{"read":412,"engine":301,…},"totalMs":…}`.
/// Lines hold ids, counts and milliseconds only, never member data.
struct MatchPhaseLog: Sendable {
    /// Where the lines go; standard error unless a test captures them.
    let write: @Sendable (String) -> Void

    /// Lines on standard error.
    static let standardError = MatchPhaseLog { ConsoleOutput.standardError($0) }

    /// Lines nowhere (the CLI's one-off matches).
    static let none = MatchPhaseLog { _ in }

    /// The phases of one attempt, timed in order.
    struct Stopwatch {
        private let clock = ContinuousClock()
        private let start: ContinuousClock.Instant
        private var last: ContinuousClock.Instant
        /// Each phase's name and milliseconds, in order.
        private(set) var phases: [(name: String, milliseconds: Int)] = []
        /// Counts worth reading beside the times (the staging transactions), in order.
        private(set) var counts: [(name: String, value: Int)] = []

        init() {
            start = clock.now
            last = start
        }

        /// Ends the phase `name` now (it began when the previous one ended).
        mutating func lap(_ name: String) {
            let now = clock.now
            phases.append((name, Self.milliseconds(now - last)))
            last = now
        }

        /// Records `value` as count `name` (`"counts":{"name":value}` on the line).
        mutating func count(_ name: String, _ value: Int) {
            counts.append((name, value))
        }

        /// Milliseconds since the first phase began.
        var totalMilliseconds: Int { Self.milliseconds(clock.now - start) }

        /// Whole milliseconds of `duration`.
        static func milliseconds(_ duration: Duration) -> Int {
            Int(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    /// Writes the line of one attempt.
    func record(tenant: String, session: String, attempt: Int, committed: Bool, groups: Int, stopwatch: Stopwatch) {
        write(Self.line(tenant: tenant, session: session, attempt: attempt, committed: committed, groups: groups,
                        phases: stopwatch.phases, counts: stopwatch.counts, total: stopwatch.totalMilliseconds,
                        time: Timestamp.now()))
    }

    static func line(tenant: String, session: String, attempt: Int, committed: Bool, groups: Int,
                     phases: [(name: String, milliseconds: Int)], counts: [(name: String, value: Int)] = [], total: Int,
                     time: String) -> String {
        var line = "{\"time\":\"\(time)\",\"level\":\"info\",\"event\":\"match\",\"tenant\":\(JSONText.quote(tenant))"
        line += ",\"session\":\(JSONText.quote(session)),\"attempt\":\(attempt),\"committed\":\(committed),\"groups\":\(groups)"
        line += ",\"phases\":{" + phases.map { "\(JSONText.quote($0.name)):\($0.milliseconds)" }.joined(separator: ",") + "}"
        if !counts.isEmpty {
            line += ",\"counts\":{" + counts.map { "\(JSONText.quote($0.name)):\($0.value)" }.joined(separator: ",") + "}"
        }
        return line + ",\"totalMs\":\(total)}\n"
    }
}
