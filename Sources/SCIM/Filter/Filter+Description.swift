extension Filter: CustomStringConvertible {
    /// The canonical text of the filter (RFC 7644 §3.4.2.2): lower-case operators, one
    /// space between tokens, JSON-escaped strings, and parentheses only where precedence
    /// needs them. `FilterParser.parse(filter.description) == filter` for every filter.
    public var description: String {
        var text = ""
        render(into: &text, context: .or)
        return text
    }

    /// Binding strength, weakest first.
    private enum Level: Int {
        case or, and, unary
    }

    private var level: Level {
        switch self {
        case .or: return .or
        case .and: return .and
        default: return .unary
        }
    }

    private func render(into text: inout String, context: Level) {
        let needsParentheses = level.rawValue < context.rawValue
        if needsParentheses { text += "(" }
        switch self {
        case .compare(let path, let op, let value):
            text += path.description
            text += " "
            text += op.rawValue
            text += " "
            text += value.description
        case .present(let path):
            text += path.description
            text += " pr"
        case .and(let lhs, let rhs):
            // Left-associative: a right operand of the same level needs parentheses.
            lhs.render(into: &text, context: .and)
            text += " and "
            rhs.render(into: &text, context: .unary)
        case .or(let lhs, let rhs):
            lhs.render(into: &text, context: .or)
            text += " or "
            rhs.render(into: &text, context: .and)
        case .not(let inner):
            text += "not ("
            inner.render(into: &text, context: .or)
            text += ")"
        case .valuePath(let path, let inner):
            text += path.description
            text += "["
            inner.render(into: &text, context: .or)
            text += "]"
        }
        if needsParentheses { text += ")" }
    }
}

extension FilterValue: CustomStringConvertible {
    /// The value as a JSON literal (RFC 7159), as it appears in a filter.
    public var description: String {
        switch self {
        case .string(let string): return Self.quoted(string)
        case .integer(let integer): return String(integer)
        case .decimal(let decimal): return String(decimal)
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        }
    }

    /// `string` as a JSON string literal (RFC 7159 §7).
    static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
        return text
    }
}
