import FoundationEssentials

/// The stored text of instants (``Timestamp/string(from:)``), the last one remembered: a
/// batch of rows that share an instant formats it once (issue 16: a match's 50,000
/// introductions were formatted twice each, on the writer).
struct TimestampTexts {
    private var last: (date: Date, text: String)?

    /// `date`'s stored text, the same as ``Timestamp/string(from:)``'s.
    mutating func text(of date: Date) -> String {
        if let last, last.date == date { return last.text }
        let text = Timestamp.string(from: date)
        last = (date, text)
        return text
    }
}
