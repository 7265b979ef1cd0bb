/// What members said about their matches in some sessions: how many answered, how many
/// met, and their ratings. Rates are `nil` when their denominator is zero.
public struct MeetingFeedbackStatistics: Hashable, Sendable {
    /// Answers given (one per member per group).
    public var answers: Int
    /// Answers "yes".
    public var met: Int
    /// Answers "no".
    public var notMet: Int
    /// Answers "not yet".
    public var notYet: Int
    /// Answers with a rating.
    public var ratings: Int
    /// The sum of those ratings.
    public var ratingSum: Int

    /// The statistics of `feedback`.
    public init(_ feedback: [MeetingFeedback]) {
        answers = feedback.count
        met = feedback.count { $0.answer == .yes }
        notMet = feedback.count { $0.answer == .no }
        notYet = feedback.count { $0.answer == .notYet }
        let rated = feedback.compactMap(\.rating)
        ratings = rated.count
        ratingSum = rated.reduce(0, +)
    }

    /// "Yes" over the answers that have decided ("yes" or "no"; "not yet" is still open).
    public var meetingRate: Double? { met + notMet == 0 ? nil : Double(met) / Double(met + notMet) }
    /// The mean rating.
    public var averageRating: Double? { ratings == 0 ? nil : Double(ratingSum) / Double(ratings) }
}
