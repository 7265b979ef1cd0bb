/// The answer to "Did you meet?"; the raw value is the posted `met` field.
public enum MeetingAnswer: String, Sendable, Hashable, CaseIterable {
    case yes
    case no
    case notYet = "not-yet"

    /// The answer's words.
    var messageKey: MessageKey {
        switch self {
        case .yes: .feedbackYes
        case .no: .feedbackNo
        case .notYet: .feedbackNotYet
        }
    }
}
