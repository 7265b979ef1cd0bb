/// Parses the audience expression language:
///
/// ```
/// expression := conjunction ("or" conjunction)*
/// conjunction := negation ("and" negation)*
/// negation   := "not" negation | "(" expression ")" | comparison
/// comparison := key "=" value | key "in" "(" value ("," value)* ")"
/// key, value := word | "quoted string"
/// ```
///
/// `not` binds tightest, then `and`, then `or`. Keywords are case-insensitive. A word is
/// a run of characters other than spaces and `( ) , = " ! < >`, and not a keyword; any
/// other key or value is written in double quotes, with `\"` and `\\` as escapes
/// (`Department = "Human Resources"`). Errors carry the character offset.
public enum AudienceExpressionParser {
    /// How many `(` and `not` may nest, so a hostile text cannot exhaust the stack.
    public static let nestingLimit = 32

    /// Parses `text` into an expression.
    public static func parse(_ text: String) throws(AudienceExpressionError) -> AudienceExpression {
        let characters = Array(text)
        var parser = Parser(tokens: try tokenize(characters), endOffset: characters.count)
        let expression = try parser.expression(depth: 0)
        if let extra = parser.peek {
            throw AudienceExpressionError(.unexpectedToken(extra.text, expected: .operatorOrEnd), at: extra.offset)
        }
        return expression
    }

    /// `text` as written when it is a word, else in double quotes with `"` and `\`
    /// escaped.
    static func quotedIfNeeded(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy(isWordCharacter), !isKeyword(text) { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        !character.isWhitespace && !"(),=\"!<>".contains(character)
    }

    static func isKeyword(_ word: String) -> Bool {
        ["and", "or", "not", "in"].contains(word.lowercased())
    }

    // MARK: - Tokens

    struct Token {
        enum Kind {
            case open, close, comma, equals
            case word(String)
            case quoted(String)
        }

        var kind: Kind
        var offset: Int
        /// The token as written, for error messages.
        var text: String

        /// Whether the token is the keyword `keyword` (lowercase).
        func isKeyword(_ keyword: String) -> Bool {
            if case .word(let word) = kind { return word.lowercased() == keyword }
            return false
        }
    }

    static func tokenize(_ characters: [Character]) throws(AudienceExpressionError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            switch character {
            case _ where character.isWhitespace:
                index += 1
            case "(": tokens.append(Token(kind: .open, offset: start, text: "(")); index += 1
            case ")": tokens.append(Token(kind: .close, offset: start, text: ")")); index += 1
            case ",": tokens.append(Token(kind: .comma, offset: start, text: ",")); index += 1
            case "=": tokens.append(Token(kind: .equals, offset: start, text: "=")); index += 1
            case "\"":
                index += 1
                var value = ""
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\"" { closed = true; index += 1; break }
                    if next == "\\" {
                        guard index + 1 < characters.count else { break }
                        let escaped = characters[index + 1]
                        guard escaped == "\"" || escaped == "\\" else {
                            throw AudienceExpressionError(.invalidEscape(String(escaped)), at: index)
                        }
                        value.append(escaped)
                        index += 2
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw AudienceExpressionError(.unterminatedString, at: start) }
                guard !value.isEmpty else { throw AudienceExpressionError(.emptyString, at: start) }
                tokens.append(Token(kind: .quoted(value), offset: start, text: String(characters[start..<index])))
            case _ where isWordCharacter(character):
                while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
                let word = String(characters[start..<index])
                tokens.append(Token(kind: .word(word), offset: start, text: word))
            default:
                throw AudienceExpressionError(.unexpectedCharacter(String(character)), at: start)
            }
        }
        return tokens
    }

    // MARK: - Grammar

    struct Parser {
        let tokens: [Token]
        let endOffset: Int
        var position = 0

        init(tokens: [Token], endOffset: Int) {
            self.tokens = tokens
            self.endOffset = endOffset
        }

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func next(expecting expectation: AudienceExpressionError.Expectation) throws(AudienceExpressionError) -> Token {
            guard let token = peek else {
                throw AudienceExpressionError(.unexpectedEnd(expected: expectation), at: endOffset)
            }
            position += 1
            return token
        }

        mutating func expression(depth: Int) throws(AudienceExpressionError) -> AudienceExpression {
            var operands = [try conjunction(depth: depth)]
            while peek?.isKeyword("or") == true {
                position += 1
                operands.append(try conjunction(depth: depth))
            }
            return operands.count == 1 ? operands[0] : .or(operands)
        }

        mutating func conjunction(depth: Int) throws(AudienceExpressionError) -> AudienceExpression {
            var operands = [try negation(depth: depth)]
            while peek?.isKeyword("and") == true {
                position += 1
                operands.append(try negation(depth: depth))
            }
            return operands.count == 1 ? operands[0] : .and(operands)
        }

        mutating func negation(depth: Int) throws(AudienceExpressionError) -> AudienceExpression {
            let token = try next(expecting: .key)
            let isNot = token.isKeyword("not")
            var isGroup = false
            if case .open = token.kind { isGroup = true }
            if isNot || isGroup, depth >= AudienceExpressionParser.nestingLimit {
                throw AudienceExpressionError(.tooDeeplyNested(limit: AudienceExpressionParser.nestingLimit), at: token.offset)
            }
            if isNot {
                return .not(try negation(depth: depth + 1))
            }
            if isGroup {
                let inner = try expression(depth: depth + 1)
                let close = try next(expecting: .closingParenthesis)
                guard case .close = close.kind else {
                    throw AudienceExpressionError(.unexpectedToken(close.text, expected: .closingParenthesis), at: close.offset)
                }
                return inner
            }
            let key = CategoryKey(try Self.text(of: token, expected: .key))
            let comparison = try next(expecting: .comparison)
            if case .equals = comparison.kind {
                return .equals(key: key, value: try value())
            }
            guard comparison.isKeyword("in") else {
                throw AudienceExpressionError(.unexpectedToken(comparison.text, expected: .comparison), at: comparison.offset)
            }
            let open = try next(expecting: .openingParenthesis)
            guard case .open = open.kind else {
                throw AudienceExpressionError(.unexpectedToken(open.text, expected: .openingParenthesis), at: open.offset)
            }
            var values = [try value()]
            while true {
                let separator = try next(expecting: .commaOrClosingParenthesis)
                switch separator.kind {
                case .comma: values.append(try value())
                case .close: return .oneOf(key: key, values: values)
                default:
                    throw AudienceExpressionError(.unexpectedToken(separator.text, expected: .commaOrClosingParenthesis),
                                                  at: separator.offset)
                }
            }
        }

        mutating func value() throws(AudienceExpressionError) -> String {
            try Self.text(of: try next(expecting: .value), expected: .value)
        }

        /// The text of a word that is not a keyword, or of a quoted string.
        static func text(of token: Token, expected: AudienceExpressionError.Expectation) throws(AudienceExpressionError) -> String {
            switch token.kind {
            case .word(let word) where !AudienceExpressionParser.isKeyword(word): return word
            case .quoted(let text): return text
            default: throw AudienceExpressionError(.unexpectedToken(token.text, expected: expected), at: token.offset)
            }
        }
    }
}
