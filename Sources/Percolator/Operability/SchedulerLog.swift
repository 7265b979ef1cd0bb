/// What the session scheduler did, one JSON line per action on standard error (issue 16:
/// the scheduler used to log nothing, so a session that did not appear left no trace):
/// `{"time":…,"level":"info","event":"scheduler","tenant":…,"action":"created","session":…}`,
/// with `detail` when there is more to say (the number of groups of a match). Lines hold
/// ids and counts only, never member data.
struct SchedulerLog: Sendable {
    /// Where the lines go; standard error unless a test captures them.
    let write: @Sendable (String) -> Void

    /// Lines on standard error.
    static let standardError = SchedulerLog { ConsoleOutput.standardError($0) }

    /// Writes one line.
    func record(tenant: String, action: String, session: String, detail: String? = nil, trigger: String) {
        write(Self.line(tenant: tenant, action: action, session: session, detail: detail, trigger: trigger,
                        time: Timestamp.now()))
    }

    /// The line for one action; `trigger` is `tick` or what caused the planning
    /// (`activate`, `resume`, `update`).
    static func line(tenant: String, action: String, session: String, detail: String?, trigger: String,
                     time: String) -> String {
        var line = "{\"time\":\"\(time)\",\"level\":\"info\",\"event\":\"scheduler\",\"trigger\":\(JSONText.quote(trigger))"
        line += ",\"tenant\":\(JSONText.quote(tenant)),\"action\":\(JSONText.quote(action)),\"session\":\(JSONText.quote(session))"
        if let detail { line += ",\"detail\":\(JSONText.quote(detail))" }
        return line + "}\n"
    }
}
