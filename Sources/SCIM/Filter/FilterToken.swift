/// One token of a filter or PATCH path, with the zero-based character offset where it
/// starts (RFC 7644 §3.4.2.2). Produced by ``FilterLexer``, consumed by ``FilterParser``.
struct FilterToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An attribute path, operator or keyword (`and`, `or`, `not`, `pr`, `true`, …);
        /// the parser decides which from its position. After `]`, `.value`.
        case word(String)
        /// A JSON string literal, escapes decoded.
        case string(String)
        /// A JSON number.
        case number(FilterValue)
        case leftParen, rightParen, leftBracket, rightBracket
        /// End of input.
        case end
    }

    var kind: Kind
    /// Zero-based character (Unicode scalar) offset in the filter text.
    var offset: Int
}
