/// The plural forms a message chooses between: CLDR's categories, of which the two
/// languages the product speaks need `one` and `other` for whole numbers.
public enum PluralCategory: String, Sendable, Hashable {
    case one
    case other

    /// The category of the whole number `count` in `language`, by CLDR's plural rules:
    /// in English "one" is 1 only ("0 members", "1 member"); in French it is 0 and 1
    /// ("0 membre", "1 membre", "2 membres").
    public init(_ count: Int, in language: Language) {
        switch language {
        case .english: self = count == 1 ? .one : .other
        case .french: self = count == 0 || count == 1 ? .one : .other
        }
    }
}
