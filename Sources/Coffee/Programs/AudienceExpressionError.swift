/// Why a text is not an audience expression, and where: ``offset`` counts characters
/// (as the admin sees them) from the start of the text, 0 = the first.
public struct AudienceExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the parser was looking for.
    public enum Expectation: String, Hashable, Sendable, CaseIterable {
        /// A category key, `not` or `(`.
        case key = "a category key"
        /// `=` or `in`.
        case comparison = "`=` or `in`"
        /// A value (a word or a quoted string).
        case value = "a value"
        /// `(` after `in`.
        case openingParenthesis = "`(`"
        /// `)` closing a group.
        case closingParenthesis = "`)`"
        /// `,` or `)` in a value list.
        case commaOrClosingParenthesis = "`,` or `)`"
        /// `and`, `or` or the end of the text.
        case operatorOrEnd = "`and`, `or` or the end"
    }

    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The text ended where something was expected (an empty text expects a key).
        case unexpectedEnd(expected: Expectation)
        /// A token (shown as written) where something else was expected.
        case unexpectedToken(String, expected: Expectation)
        /// A character that starts no token (`!`, `<`, `>`).
        case unexpectedCharacter(String)
        /// A `"` without its closing quote; the offset is the opening quote's.
        case unterminatedString
        /// A backslash followed by something other than `"` or `\`.
        case invalidEscape(String)
        /// `""`: a quoted value or key with nothing in it.
        case emptyString
        /// More than ``AudienceExpressionParser/nestingLimit`` nested `(` or `not`.
        case tooDeeplyNested(limit: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// Where, in characters from the start of the text.
    public var offset: Int

    /// Creates an error.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// A sentence for an admin, with the position counted from 1.
    public var description: String {
        let message = switch kind {
        case .unexpectedEnd(let expected): "expected \(expected.rawValue), found the end"
        case .unexpectedToken(let token, let expected): "expected \(expected.rawValue), found `\(token)`"
        case .unexpectedCharacter(let character): "unexpected character `\(character)`"
        case .unterminatedString: "this quoted string is not closed"
        case .invalidEscape(let escape): "unknown escape `\\\(escape)` (use \\\" or \\\\)"
        case .emptyString: "empty quoted string"
        case .tooDeeplyNested(let limit): "more than \(limit) nested parentheses or `not`"
        }
        return "at character \(offset + 1): \(message)"
    }
}
