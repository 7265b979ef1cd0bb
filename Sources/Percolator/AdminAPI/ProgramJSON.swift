import Coffee
import FoundationEssentials
import SCIM

/// Programs in the admin API's JSON: reading a program definition from a request body
/// (all of it for `POST`, the fields present for `PATCH`) and writing a program back.
///
/// ```json
/// {"name": "Coffee roulette", "audience": {"type": "group", "groupId": "…"},
///  "participation": "automatic", "groupSize": 2,
///  "rules": [{"type": "differentValue", "category": "department"}],
///  "repeatWindow": 6, "avoidRepeatsAcrossPrograms": false,
///  "schedule": {"type": "recurring", "everyWeeks": 2, "weekday": 2, "time": "09:30",
///               "timezone": "Europe/Paris", "optInWindowHours": 48}}
/// ```
enum ProgramJSON {
    /// The draft in `body` over `base` (a `PATCH`), or from scratch (`POST`: `name` and
    /// `schedule` required).
    static func draft(_ body: JSONObject, over base: ProgramDraft?, now: Date, timeZone: String) throws(SCIMError) -> ProgramDraft {
        let known: Set<String> = ["name", "audience", "participation", "groupSize", "rules", "repeatWindow", "repeatDecay",
                                  "avoidRepeatsAcrossPrograms", "schedule", "feedbackDelayDays", "owners"]
        if let unknown = body.keys.first(where: { !known.contains($0) }) {
            throw .invalidValue("'\(unknown)' is not a program field. Fields: \(known.sorted().joined(separator: ", ")).")
        }
        guard let nameValue = body[attribute: "name"] ?? base.map({ .string($0.name) }), let name = nameValue.stringValue else {
            throw .invalidValue("'name' is required: a string such as \"Coffee roulette\".")
        }
        let schedule: Schedule
        if let value = body[attribute: "schedule"] {
            schedule = try self.schedule(value, now: now, timeZone: timeZone)
        } else if let base {
            schedule = base.schedule
        } else {
            throw .invalidValue("'schedule' is required: {\"type\": \"once\", \"at\": …} or {\"type\": \"recurring\", …}.")
        }
        var draft = base ?? ProgramDraft(name: name, schedule: schedule)
        draft.name = name
        draft.schedule = schedule
        if let value = body[attribute: "audience"] { draft.audience = try audience(value) }
        if let value = body[attribute: "participation"] {
            guard let text = value.stringValue, let mode = ParticipationMode(rawValue: text) else {
                throw .invalidValue("'participation' must be \"automatic\" or \"optIn\".")
            }
            draft.participationMode = mode
        }
        if let value = body[attribute: "groupSize"] { draft.groupSize = try integer(value, "groupSize") }
        if let value = body[attribute: "repeatWindow"] {
            draft.repeatWindow = try integer(value, "repeatWindow")
            // The matcher reads 2 × N sessions of history: an unbounded N overflows it.
            guard draft.repeatWindow <= maximumRepeatWindow else {
                throw .invalidValue("'repeatWindow' must be at most \(maximumRepeatWindow) sessions.")
            }
        }
        if let value = body[attribute: "repeatDecay"] {
            switch value {
            case .integer(let number): draft.repeatDecay = Double(number)
            case .decimal(let number): draft.repeatDecay = number
            default: throw .invalidValue("'repeatDecay' must be a number between 0 and 1.")
            }
        }
        if let value = body[attribute: "avoidRepeatsAcrossPrograms"] {
            guard let flag = value.boolValue else { throw .invalidValue("'avoidRepeatsAcrossPrograms' must be true or false.") }
            draft.avoidsRepeatsAcrossPrograms = flag
        }
        if let value = body[attribute: "feedbackDelayDays"] {
            let days = try integer(value, "feedbackDelayDays")
            guard Program.feedbackDelayDaysRange.contains(days) else {
                throw .invalidValue("'feedbackDelayDays' must be between \(Program.feedbackDelayDaysRange.lowerBound) and \(Program.feedbackDelayDaysRange.upperBound).")
            }
            draft.feedbackDelayDays = days
        }
        if let value = body[attribute: "rules"] {
            guard let items = value.arrayValue else { throw .invalidValue("'rules' must be a list of rule objects.") }
            draft.rules = try items.enumerated().map { index, item throws(SCIMError) in try rule(item, index: index) }
        }
        if let error = draft.validationErrors.first { throw .invalidValue("The program is not valid: \(error).") }
        return draft
    }

    /// The `owners` of `body` (issue 13: console users' addresses; read by
    /// ``ProgramService``, which checks each is on the console list), or `nil` when absent.
    static func owners(_ body: JSONObject) throws(SCIMError) -> [String]? {
        guard let value = body[attribute: "owners"] else { return nil }
        let refusal = SCIMError.invalidValue("'owners' must be a list of email addresses of the organisation's console users.")
        guard let items = value.arrayValue else { throw refusal }
        var addresses: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw refusal }
            addresses.append(text)
        }
        return addresses
    }

    /// The largest repeat window (N sessions) a program may ask for.
    static let maximumRepeatWindow = 1_000
    /// The weights and bonuses a soft rule may have. The engine multiplies them by the
    /// rule's priority and sums them over pairs and groups: unbounded, they overflow.
    static let ruleWeights = 0...1_000

    static func integer(_ value: JSONValue, _ name: String) throws(SCIMError) -> Int {
        guard let number = value.integerValue, let int = Int(exactly: number) else {
            throw .invalidValue("'\(name)' must be a whole number.")
        }
        return int
    }

    static func audience(_ value: JSONValue) throws(SCIMError) -> Audience {
        switch value[attribute: "type"]?.stringValue {
        case "all": return .allMembers
        case "group":
            guard let id = value[attribute: "groupId"]?.stringValue, !id.isEmpty else {
                throw .invalidValue("A group audience needs 'groupId', the SCIM id of the group.")
            }
            return .group(GroupID(id))
        case "categories":
            guard let text = value[attribute: "expression"]?.stringValue else {
                throw .invalidValue("A categories audience needs 'expression', e.g. \"City in (Paris, Lyon) and not Department = HR\".")
            }
            do {
                return .categories(try AudienceExpression(parsing: text))
            } catch {
                throw .invalidValue("The audience expression is not valid: \(error).")
            }
        case "connection":
            guard let id = value[attribute: "connectionId"]?.stringValue, !id.isEmpty else {
                throw .invalidValue("A connection audience needs 'connectionId', the connection (a Microsoft Teams team) whose people it is.")
            }
            return .connection(ConnectionID(id))
        default:
            throw .invalidValue("'audience.type' must be \"all\", \"group\", \"categories\" or \"connection\".")
        }
    }

    static func rule(_ value: JSONValue, index: Int) throws(SCIMError) -> MatchingRule {
        func text(_ name: String) throws(SCIMError) -> String {
            guard let text = value[attribute: name]?.stringValue else {
                throw .invalidValue("Rule \(index + 1) needs '\(name)'.")
            }
            return text
        }
        func optionalText(_ name: String) throws(SCIMError) -> String? {
            guard let item = value[attribute: name] else { return nil }
            guard let text = item.stringValue else { throw .invalidValue("Rule \(index + 1): '\(name)' must be a string.") }
            return text
        }
        func weight(_ name: String) throws(SCIMError) -> Int {
            guard let item = value[attribute: name] else { return 10 }
            let weight = try integer(item, name)
            guard ruleWeights.contains(weight) else {
                throw .invalidValue("Rule \(index + 1): '\(name)' must be from \(ruleWeights.lowerBound) to \(ruleWeights.upperBound).")
            }
            return weight
        }
        func tolerance(default fallback: Int) throws(SCIMError) -> Int {
            guard let item = value[attribute: "toleranceHours"] else { return fallback }
            let hours = try integer(item, "toleranceHours")
            guard (0...MatchingRule.maximumToleranceHours).contains(hours) else {
                throw .invalidValue("Rule \(index + 1): 'toleranceHours' must be from 0 to \(MatchingRule.maximumToleranceHours).")
            }
            return hours
        }
        /// The time zone is not a category: `sameValue`/`differentValue` on it compare UTC offsets.
        func isTimeZone() throws(SCIMError) -> Bool {
            guard HeaderName.fold(try text("category")) == MatchingRule.timeZoneCategory else {
                if value[attribute: "toleranceHours"] != nil {
                    throw .invalidValue("Rule \(index + 1): 'toleranceHours' applies to the category '\(MatchingRule.timeZoneCategory)' only.")
                }
                return false
            }
            return true
        }
        switch value[attribute: "type"]?.stringValue {
        case "differentValue":
            let weight = try weight("weight")
            if try isTimeZone() {
                return .differentTimeZone(toleranceHours: try tolerance(default: MatchingRule.maximumToleranceHours), weight: weight)
            }
            return .differentValue(category: try text("category"), weight: weight)
        case "notWithManager":
            guard let item = value[attribute: "includePeers"] else { return .notWithManager(includingPeers: false) }
            guard let peers = item.boolValue else { throw .invalidValue("Rule \(index + 1): 'includePeers' must be true or false.") }
            return .notWithManager(includingPeers: peers)
        case "sameValue":
            if try isTimeZone() { return .sameTimeZone(toleranceHours: try tolerance(default: 0)) }
            let fallbackText = try optionalText("fallback") ?? SameValueFallback.amongThemselves.rawValue
            guard let fallback = SameValueFallback(rawValue: fallbackText) else {
                throw .invalidValue("Rule \(index + 1): 'fallback' must be amongThemselves, withAnyone or leaveUnmatched.")
            }
            return .sameValue(category: try text("category"), fallback: fallback)
        case "denyPair":
            return .denyPair(categoryA: try text("categoryA"), valueA: try text("valueA"),
                             categoryB: try text("categoryB"), valueB: try text("valueB"))
        case "allowPair":
            let bonus = try weight("bonus")
            return .allowPair(categoryA: try text("categoryA"), valueA: try text("valueA"),
                              categoryB: try text("categoryB"), valueB: try text("valueB"), bonus: bonus)
        default:
            throw .invalidValue("Rule \(index + 1): 'type' must be differentValue, sameValue, denyPair, allowPair or notWithManager.")
        }
    }

    static func schedule(_ value: JSONValue, now: Date, timeZone: String) throws(SCIMError) -> Schedule {
        func date(_ name: String) throws(SCIMError) -> Date? {
            guard let item = value[attribute: name], !item.isNull else { return nil }
            guard let text = item.stringValue, let date = AdminJSON.parseDate(text) else {
                throw .invalidValue("'schedule.\(name)' must be an ISO 8601 instant such as 2026-12-01T09:30:00+01:00.")
            }
            return date
        }
        // A field given with the wrong type is refused, never taken as absent.
        func text(_ name: String) throws(SCIMError) -> String? {
            guard let item = value[attribute: name] else { return nil }
            guard let text = item.stringValue else { throw .invalidValue("'schedule.\(name)' must be a string.") }
            return text
        }
        switch value[attribute: "type"]?.stringValue {
        case "once":
            guard let at = try date("at") else { throw .invalidValue("A one-time schedule needs 'at', the match time.") }
            return .once(at: at, optInOpensAt: try date("optInOpensAt"))
        case "recurring":
            let everyWeeks = try value[attribute: "everyWeeks"].map { v throws(SCIMError) in try integer(v, "everyWeeks") } ?? 1
            let weekday = try value[attribute: "weekday"].map { v throws(SCIMError) in try integer(v, "weekday") } ?? 1
            let timeText = try text("time") ?? "09:00"
            let parts = timeText.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { throw .invalidValue("'schedule.time' must be HH:MM, e.g. \"09:30\".") }
            let hours: Double = switch value[attribute: "optInWindowHours"] {
            case .integer(let number)?: Double(number)
            case .decimal(let number)?: number
            case nil: 0
            default: throw SCIMError.invalidValue("'schedule.optInWindowHours' must be a number of hours.")
            }
            return .recurring(everyWeeks: everyWeeks, weekday: weekday, time: TimeOfDay(hour: parts[0], minute: parts[1]),
                              timeZoneIdentifier: try text("timezone") ?? timeZone,
                              optInWindow: hours * 3_600, startingFrom: try date("startingFrom") ?? now)
        default:
            throw .invalidValue("'schedule.type' must be \"once\" or \"recurring\".")
        }
    }

    // MARK: - Output

    static func json(_ program: Program, owners: [EmailAddress], now: Date) -> JSONValue {
        let (status, pause): (String, JSONValue?) = switch program.status {
        case .draft: ("draft", nil)
        case .active: ("active", nil)
        case .archived: ("archived", nil)
        case .paused(.byAdmin): ("paused", AdminJSON.object([("reason", "byAdmin")]))
        case .paused(.audienceGroupDeleted(let group)):
            ("paused", AdminJSON.object([("reason", "audienceGroupDeleted"), ("groupId", .string(group.rawValue))]))
        }
        return AdminJSON.object([
            ("id", .string(program.id.rawValue)),
            ("name", .string(program.name)),
            ("status", .string(status)),
            ("pause", pause),
            ("audience", audienceJSON(program.audience)),
            ("participation", .string(program.participationMode.rawValue)),
            ("groupSize", .integer(Int64(program.matching.groupSize))),
            ("rules", .array(program.matching.rules.map(ruleJSON))),
            ("repeatWindow", .integer(Int64(program.matching.repeatWindow))),
            ("repeatDecay", .decimal(program.matching.repeatDecay)),
            ("avoidRepeatsAcrossPrograms", .bool(program.avoidsRepeatsAcrossPrograms)),
            ("schedule", scheduleJSON(program.schedule)),
            ("feedbackDelayDays", .integer(Int64(program.feedbackDelayDays ?? Program.defaultFeedbackDelayDays))),
            ("nextMatchAt", AdminJSON.date(program.schedule.nextMatchTime(after: now))),
            ("createdAt", AdminJSON.date(program.createdAt)),
            ("updatedAt", AdminJSON.date(program.updatedAt)),
            ("version", .integer(Int64(program.version))),
            ("owners", .array(owners.map { .string($0.rawValue) })),
        ])
    }

    static func audienceJSON(_ audience: Audience) -> JSONValue {
        switch audience {
        case .allMembers: AdminJSON.object([("type", "all")])
        case .group(let group): AdminJSON.object([("type", "group"), ("groupId", .string(group.rawValue))])
        case .categories(let expression): AdminJSON.object([("type", "categories"), ("expression", .string(expression.description))])
        case .connection(let connection): AdminJSON.object([("type", "connection"), ("connectionId", .string(connection.rawValue))])
        }
    }

    static func ruleJSON(_ rule: MatchingRule) -> JSONValue {
        switch rule {
        case .differentValue(let category, let weight):
            AdminJSON.object([("type", "differentValue"), ("category", .string(category)), ("weight", .integer(Int64(weight)))])
        case .sameValue(let category, let fallback):
            AdminJSON.object([("type", "sameValue"), ("category", .string(category)), ("fallback", .string(fallback.rawValue))])
        case .denyPair(let categoryA, let valueA, let categoryB, let valueB):
            AdminJSON.object([("type", "denyPair"), ("categoryA", .string(categoryA)), ("valueA", .string(valueA)),
                              ("categoryB", .string(categoryB)), ("valueB", .string(valueB))])
        case .allowPair(let categoryA, let valueA, let categoryB, let valueB, let bonus):
            AdminJSON.object([("type", "allowPair"), ("categoryA", .string(categoryA)), ("valueA", .string(valueA)),
                              ("categoryB", .string(categoryB)), ("valueB", .string(valueB)), ("bonus", .integer(Int64(bonus)))])
        case .notWithManager(let includingPeers):
            AdminJSON.object([("type", "notWithManager"), ("includePeers", .bool(includingPeers))])
        case .sameTimeZone(let hours):
            AdminJSON.object([("type", "sameValue"), ("category", .string(MatchingRule.timeZoneCategory)),
                              ("toleranceHours", .integer(Int64(hours)))])
        case .differentTimeZone(let hours, let weight):
            AdminJSON.object([("type", "differentValue"), ("category", .string(MatchingRule.timeZoneCategory)),
                              ("weight", .integer(Int64(weight))), ("toleranceHours", .integer(Int64(hours)))])
        }
    }

    static func scheduleJSON(_ schedule: Schedule) -> JSONValue {
        switch schedule {
        case .once(let at, let opensAt):
            AdminJSON.object([("type", "once"), ("at", AdminJSON.date(at)), ("optInOpensAt", AdminJSON.date(opensAt))])
        case .recurring(let everyWeeks, let weekday, let time, let timeZone, let window, let startingFrom):
            AdminJSON.object([
                ("type", "recurring"), ("everyWeeks", .integer(Int64(everyWeeks))), ("weekday", .integer(Int64(weekday))),
                ("time", .string(time.description)), ("timezone", .string(timeZone)),
                ("optInWindowHours", .decimal(window / 3_600)), ("startingFrom", AdminJSON.date(startingFrom)),
            ])
        }
    }
}
