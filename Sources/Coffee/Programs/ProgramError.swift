/// Why a program value or a program transition was refused. Each case names the field
/// at fault so the admin interface can point at it.
public enum ProgramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name is empty or only whitespace.
    case emptyName
    /// The name is longer than ``ProgramDraft/maximumNameLength`` characters (its count).
    case nameTooLong(Int)
    /// The name holds a line break, a control or a text-direction character
    /// (``DisplayNameCharacters``).
    case nameNotOneLine
    /// The group size is outside
    /// ``MatchingConfiguration/minimumGroupSize``…``MatchingConfiguration/maximumGroupSize``.
    case groupSizeOutOfRange(Int)
    /// The repeat window (N sessions) is negative.
    case negativeRepeatWindow(Int)
    /// The decay of older repeats is outside 0…1.
    case repeatDecayOutOfRange(Double)
    /// The rule at this index (0 = first) names an empty category key.
    case emptyRuleCategory(ruleIndex: Int)
    /// The `denyPair` / `allowPair` rule at this index names an empty value.
    case emptyRuleValue(ruleIndex: Int)
    /// The audience is a group with an empty identifier.
    case emptyAudienceGroup
    /// The schedule is invalid.
    case invalidSchedule(ScheduleError)
    /// An `optIn` program needs time to take opt-ins: a one-time schedule needs
    /// `optInOpensAt` before the match, a recurring one a positive `optInWindow`.
    case optInWindowRequired
    /// Activation asked for a schedule with no match time after now (a one-time
    /// program whose date has passed).
    case noFutureMatchTime
    /// The action is not possible from the program's status (`archived` is final).
    case illegalTransition(from: ProgramStatus, action: ProgramAction)
    /// Resume asked while the audience is still the deleted group: choose another
    /// audience first.
    case audienceBroken(GroupID)
    /// The time-zone rule at this index has a tolerance outside
    /// 0…``MatchingRule/maximumToleranceHours`` hours.
    case toleranceOutOfRange(ruleIndex: Int, hours: Int)
    /// More rules than ``ProgramDraft/maximumRules``.
    case tooManyRules(Int)
    /// A rule or the audience names a category (by key or label) the organisation does
    /// not have; `known` lists the keys it has, with their labels.
    case unknownCategory(String, known: String)

    /// A sentence for an admin.
    public var description: String {
        switch self {
        case .emptyName: "the program needs a name"
        case .nameTooLong(let count): "the program's name has at most \(ProgramDraft.maximumNameLength) characters, not \(count)"
        case .nameNotOneLine: "the program's name is one line, without control or text-direction characters"
        case .groupSizeOutOfRange(let size):
            "group size \(size) is outside \(MatchingConfiguration.minimumGroupSize)–\(MatchingConfiguration.maximumGroupSize)"
        case .negativeRepeatWindow(let window): "the repeat window cannot be negative (got \(window))"
        case .repeatDecayOutOfRange(let decay): "the repeat decay must be between 0 and 1 (got \(decay))"
        case .emptyRuleCategory(let index): "rule \(index + 1) names no category"
        case .emptyRuleValue(let index): "rule \(index + 1) names an empty value"
        case .emptyAudienceGroup: "the audience group has no identifier"
        case .invalidSchedule(let error): "invalid schedule: \(error)"
        case .optInWindowRequired: "an opt-in program needs an opt-in period before the match"
        case .noFutureMatchTime: "the schedule has no match time in the future"
        case .illegalTransition(let status, let action): "cannot \(action.rawValue) a program that is \(status)"
        case .audienceBroken(let group): "the audience group \(group) was deleted; choose another audience"
        case .toleranceOutOfRange(let index, let hours):
            "rule \(index + 1): a time-zone tolerance of \(hours) hours is outside 0–\(MatchingRule.maximumToleranceHours)"
        case .tooManyRules(let count): "a program has at most \(ProgramDraft.maximumRules) rules, not \(count)"
        case .unknownCategory(let name, let known): "unknown category '\(name)'; the known categories are \(known)"
        }
    }
}
