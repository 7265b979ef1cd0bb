import Foundation

/// What an admin edits on a program, before validation: the raw group size and repeat
/// window are kept as typed, so out-of-range values are reported rather than clamped
/// by ``MatchingConfiguration``.
public struct ProgramDraft: Hashable, Sendable, Codable {
    /// The name shown to members and admins.
    public var name: String
    /// Who the program is for.
    public var audience: Audience
    /// Everyone eligible, or opt-in per session.
    public var participationMode: ParticipationMode
    /// The target group size g (2–6).
    public var groupSize: Int
    /// The ordered matching rules, first = highest priority.
    public var rules: [MatchingRule]
    /// N: no repeat within the last N sessions (≥ 0).
    public var repeatWindow: Int
    /// The decay of the penalty for older repeats (0…1).
    public var repeatDecay: Double
    /// Whether meetings in the tenant's other programs count as repeats too.
    public var avoidsRepeatsAcrossPrograms: Bool
    /// When sessions happen.
    public var schedule: Schedule
    /// Days after a match before its members are asked "Did you meet?"; `nil` is
    /// ``Program/defaultFeedbackDelayDays``.
    public var feedbackDelayDays: Int?

    /// Creates a draft; matching settings default to ``MatchingConfiguration``'s.
    public init(
        name: String, audience: Audience = .allMembers, participationMode: ParticipationMode = .automatic,
        groupSize: Int = 2, rules: [MatchingRule] = [], repeatWindow: Int = 6, repeatDecay: Double = 0.5,
        avoidsRepeatsAcrossPrograms: Bool = false, schedule: Schedule, feedbackDelayDays: Int? = nil
    ) {
        self.feedbackDelayDays = feedbackDelayDays
        self.name = name
        self.audience = audience
        self.participationMode = participationMode
        self.groupSize = groupSize
        self.rules = rules
        self.repeatWindow = repeatWindow
        self.repeatDecay = repeatDecay
        self.avoidsRepeatsAcrossPrograms = avoidsRepeatsAcrossPrograms
        self.schedule = schedule
    }

    /// The most characters (Unicode code points) a program's name may have.
    public static let maximumNameLength = 100
    /// The most rules a program may have. The matching engine and its statistics work per
    /// rule and per group: a program of 20,000 rules made one preview run for minutes and
    /// grow by gigabytes. Rules are ordered priorities an admin writes; the console offers
    /// three.
    public static let maximumRules = 20

    /// Every problem of the draft, in field order; empty when it is valid.
    public var validationErrors: [ProgramError] {
        var errors: [ProgramError] = []
        // Members read it in the portal and emails, admins in the console and listings.
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(.emptyName)
        } else if DisplayNameCharacters.refuses(name) {
            errors.append(.nameNotOneLine)
        }
        // Counted in code points, as the OpenAPI document's maxLength counts.
        let length = name.unicodeScalars.count
        if length > Self.maximumNameLength { errors.append(.nameTooLong(length)) }
        if case .group(let group) = audience, group.rawValue.isEmpty { errors.append(.emptyAudienceGroup) }
        let sizes = MatchingConfiguration.minimumGroupSize...MatchingConfiguration.maximumGroupSize
        if !sizes.contains(groupSize) { errors.append(.groupSizeOutOfRange(groupSize)) }
        if repeatWindow < 0 { errors.append(.negativeRepeatWindow(repeatWindow)) }
        if !(0...1).contains(repeatDecay) { errors.append(.repeatDecayOutOfRange(repeatDecay)) }
        if rules.count > Self.maximumRules {
            // One error, not one per rule of a list that long.
            errors.append(.tooManyRules(rules.count))
            errors.append(contentsOf: schedule.validationErrors.map(ProgramError.invalidSchedule))
            return errors
        }
        for (index, rule) in rules.enumerated() {
            let (categories, values) = Self.names(of: rule)
            if categories.contains(where: Self.isBlank) { errors.append(.emptyRuleCategory(ruleIndex: index)) }
            if values.contains(where: Self.isBlank) { errors.append(.emptyRuleValue(ruleIndex: index)) }
            switch rule {
            case .sameTimeZone(let hours), .differentTimeZone(let hours, _):
                if !(0...MatchingRule.maximumToleranceHours).contains(hours) {
                    errors.append(.toleranceOutOfRange(ruleIndex: index, hours: hours))
                }
            default: break
            }
        }
        errors.append(contentsOf: schedule.validationErrors.map(ProgramError.invalidSchedule))
        if participationMode == .optIn, !schedule.hasOptInPeriod { errors.append(.optInWindowRequired) }
        return errors
    }

    /// Throws the first of ``validationErrors``.
    public func validate() throws(ProgramError) {
        if let first = validationErrors.first { throw first }
    }

    /// The matching configuration the draft describes, with the engine's defaults for
    /// everything an admin does not edit. Meaningful only for a valid draft (the
    /// configuration clamps out-of-range values).
    public var configuration: MatchingConfiguration {
        MatchingConfiguration(groupSize: groupSize, rules: rules, repeatWindow: repeatWindow, repeatDecay: repeatDecay)
    }

    private static func isBlank(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    private static func names(of rule: MatchingRule) -> (categories: [String], values: [String]) {
        switch rule {
        case .differentValue(let category, _), .sameValue(let category, _):
            ([category], [])
        case .denyPair(let categoryA, let valueA, let categoryB, let valueB),
             .allowPair(let categoryA, let valueA, let categoryB, let valueB, _):
            ([categoryA, categoryB], [valueA, valueB])
        case .notWithManager, .sameTimeZone, .differentTimeZone:
            ([], [])
        }
    }
}
