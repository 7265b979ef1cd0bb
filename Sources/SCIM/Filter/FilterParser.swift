/// Parses the text of a SCIM filter into a ``Filter`` (RFC 7644 §3.4.2.2).
///
/// Recursive descent over ``FilterLexer`` tokens, one function per precedence level,
/// lowest first: `or` < `and` < `not` < primary (attribute expression, value path or
/// parenthesised group). `and` and `or` associate to the left. Operators, logical words
/// and the literals `true`, `false`, `null` are matched ignoring case; so are attribute
/// names, later, by the validator. Value filters (`emails[…]`) cannot nest (erratum 4690,
/// see `spec/scim-filter.abnf`).
///
/// Every error is `invalidFilter` and names the character where parsing stopped:
/// `userName eq` → "Expected a value … (at character 12)".
public enum FilterParser {
    /// The bounds a filter must stay within. Filters arrive in URLs and bodies from
    /// clients, so both are enforced before any recursion can grow.
    public struct Limits: Sendable, Hashable {
        /// Maximum length in characters (Unicode scalars). Default 4096.
        public var maxLength: Int
        /// Maximum nesting of parentheses, `not` and value paths. Default 32.
        public var maxDepth: Int

        /// Limits with the given bounds.
        public init(maxLength: Int = 4096, maxDepth: Int = 32) {
            self.maxLength = maxLength
            self.maxDepth = maxDepth
        }

        /// 4096 characters, depth 32.
        public static let `default` = Limits()
    }

    /// Parses `text` as a `FILTER` (RFC 7644 §3.4.2.2).
    public static func parse(_ text: String, limits: Limits = .default) throws(SCIMError) -> Filter {
        var parser = try Parser(text: text, limits: limits)
        let filter = try parser.parseOr(inValueFilter: false)
        try parser.expectEnd()
        return filter
    }

    /// Parses a PATCH `path`: `attrPath` or `valuePath [subAttr]` (RFC 7644 §3.5.2).
    /// Errors are `invalidFilter` with a position; ``PatchPath`` maps them to `invalidPath`.
    static func parsePatchPath(_ text: String, limits: Limits = .default)
        throws(SCIMError) -> (attribute: AttributePath, filter: Filter?, subAttribute: String?)
    {
        var parser = try Parser(text: text, limits: limits)
        let attribute = try parser.attributePath()
        var filter: Filter?
        var subAttribute: String?
        if parser.peek.kind == .leftBracket {
            filter = try parser.valueFilter()
            if case .word(let word) = parser.peek.kind, word.hasPrefix(".") {
                let name = word.dropFirst()
                guard AttributePath.isAttributeName(name) else {
                    throw .invalidFilter("Invalid sub-attribute '\(word)'", at: parser.peek.offset)
                }
                subAttribute = String(name)
                parser.advance()
            }
        }
        try parser.expectEnd()
        return (attribute, filter, subAttribute)
    }
}

/// The parser's state: the tokens, the cursor and the current depth.
private struct Parser {
    private let tokens: [FilterToken]
    private var index = 0
    private var depth = 0
    private let limits: FilterParser.Limits

    init(text: String, limits: FilterParser.Limits) throws(SCIMError) {
        // Bound the input before tokenising: filters come from URLs and bodies.
        let length = text.unicodeScalars.count
        guard length <= limits.maxLength else {
            throw .invalidFilter("Filter is longer than \(limits.maxLength) characters", at: limits.maxLength)
        }
        tokens = try FilterLexer.tokenize(text)
        self.limits = limits
    }

    var peek: FilterToken { tokens[index] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// `FILTER = term *("or" term)`.
    mutating func parseOr(inValueFilter: Bool) throws(SCIMError) -> Filter {
        var lhs = try parseAnd(inValueFilter: inValueFilter)
        while isKeyword("or") {
            advance()
            let rhs = try parseAnd(inValueFilter: inValueFilter)
            lhs = .or(lhs, rhs)
        }
        return lhs
    }

    /// `term = factor *("and" factor)`.
    private mutating func parseAnd(inValueFilter: Bool) throws(SCIMError) -> Filter {
        var lhs = try parseNot(inValueFilter: inValueFilter)
        while isKeyword("and") {
            advance()
            let rhs = try parseNot(inValueFilter: inValueFilter)
            lhs = .and(lhs, rhs)
        }
        return lhs
    }

    /// `factor = "not" [SP] "(" FILTER ")" / primary`.
    private mutating func parseNot(inValueFilter: Bool) throws(SCIMError) -> Filter {
        if isKeyword("not"), index + 1 < tokens.count, tokens[index + 1].kind == .leftParen {
            advance()
            return .not(try parseGroup(inValueFilter: inValueFilter))
        }
        return try parsePrimary(inValueFilter: inValueFilter)
    }

    /// `"(" FILTER ")"`.
    private mutating func parseGroup(inValueFilter: Bool) throws(SCIMError) -> Filter {
        let open = peek
        guard open.kind == .leftParen else { throw .invalidFilter("Expected '('", at: open.offset) }
        try enter(at: open.offset)
        advance()
        let inner = try parseOr(inValueFilter: inValueFilter)
        guard peek.kind == .rightParen else {
            throw .invalidFilter("Expected ')' to close the '(' at character \(open.offset + 1)", at: peek.offset)
        }
        advance()
        depth -= 1
        return inner
    }

    /// `attrExp / valuePath / "(" FILTER ")"`.
    private mutating func parsePrimary(inValueFilter: Bool) throws(SCIMError) -> Filter {
        if peek.kind == .leftParen { return try parseGroup(inValueFilter: inValueFilter) }
        let path = try attributePath()
        if peek.kind == .leftBracket {
            guard !inValueFilter else {
                throw .invalidFilter("Value filters cannot be nested", at: peek.offset)
            }
            let filter = try valueFilter()
            if case .word(let word) = peek.kind, word.hasPrefix(".") {
                // Entra ID matches users on `emails[type eq "work"].value eq "x"`, a form
                // outside the RFC 7644 grammar (idp-behaviours §1.2); it means
                // `emails[type eq "work" and value eq "x"]`, and is parsed as that.
                let subAttribute = String(word.dropFirst())
                // A plain ATTRNAME: no further `.` and no `urn:…:` prefix, which would read
                // back as another path once rendered inside the brackets.
                guard AttributePath.isAttributeName(subAttribute[...]) else {
                    throw .invalidFilter("Expected a sub-attribute name after ']'", at: peek.offset)
                }
                advance()
                return .valuePath(path, .and(filter, try comparison(on: AttributePath(name: subAttribute))))
            }
            return .valuePath(path, filter)
        }
        return try comparison(on: path)
    }

    /// `attrPath SP "pr"` or `attrPath SP compareOp SP compValue`; the cursor is on the operator.
    private mutating func comparison(on path: AttributePath) throws(SCIMError) -> Filter {
        guard case .word(let word) = peek.kind else {
            throw .invalidFilter("Expected an operator after '\(path)'", at: peek.offset)
        }
        if word.equalsIgnoringCase("pr") {
            advance()
            return .present(path)
        }
        guard let op = ComparisonOperator(keyword: word) else {
            if path.description.equalsIgnoringCase("not") {
                throw .invalidFilter("Expected '(' after 'not' (RFC 7644 §3.4.2.2: not \"(\" FILTER \")\")", at: peek.offset)
            }
            throw .invalidFilter("Unknown operator '\(word.prefix(40))'", at: peek.offset)
        }
        advance()
        return .compare(path, op, try compValue(after: op))
    }

    /// `"[" valFilter "]"`; the cursor is on `[`.
    mutating func valueFilter() throws(SCIMError) -> Filter {
        let open = peek
        try enter(at: open.offset)
        advance()
        let inner = try parseOr(inValueFilter: true)
        guard peek.kind == .rightBracket else {
            throw .invalidFilter("Expected ']' to close the '[' at character \(open.offset + 1)", at: peek.offset)
        }
        advance()
        depth -= 1
        return inner
    }

    /// `compValue = false / null / true / number / string`.
    private mutating func compValue(after op: ComparisonOperator) throws(SCIMError) -> FilterValue {
        let token = peek
        switch token.kind {
        case .string(let string):
            advance()
            return .string(string)
        case .number(let number):
            advance()
            return number
        case .word(let word) where word.equalsIgnoringCase("true"):
            advance()
            return .bool(true)
        case .word(let word) where word.equalsIgnoringCase("false"):
            advance()
            return .bool(false)
        case .word(let word) where word.equalsIgnoringCase("null"):
            advance()
            return .null
        case .word(let word):
            throw .invalidFilter(
                "Expected a value after '\(op.rawValue)'; strings must be quoted, found '\(word.prefix(40))'",
                at: token.offset)
        default:
            throw .invalidFilter("Expected a value after '\(op.rawValue)'", at: token.offset)
        }
    }

    /// An `attrPath` word.
    mutating func attributePath() throws(SCIMError) -> AttributePath {
        let token = peek
        guard case .word(let word) = token.kind else {
            throw .invalidFilter("Expected an attribute path", at: token.offset)
        }
        guard let path = AttributePath(parsing: word) else {
            throw .invalidFilter("Invalid attribute path '\(word.prefix(80))'", at: token.offset)
        }
        advance()
        return path
    }

    mutating func expectEnd() throws(SCIMError) {
        guard peek.kind == .end else {
            throw .invalidFilter("Unexpected \(Self.describe(peek.kind))", at: peek.offset)
        }
    }

    private mutating func enter(at offset: Int) throws(SCIMError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            throw .invalidFilter("Filter is nested deeper than \(limits.maxDepth) levels", at: offset)
        }
    }

    private func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = peek.kind { return word.equalsIgnoringCase(keyword) }
        return false
    }

    private static func describe(_ kind: FilterToken.Kind) -> String {
        switch kind {
        case .word(let word): return "'\(word.prefix(40))'"
        case .string: return "string"
        case .number: return "number"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .end: return "end of filter"
        }
    }
}
