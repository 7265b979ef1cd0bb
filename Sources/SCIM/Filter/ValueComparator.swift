/// Builds the test one comparison applies to one attribute value (RFC 7644 §3.4.2.2,
/// Table 3), specialised by attribute type and `caseExact` (RFC 7643 §2.2, §2.3).
enum ValueComparator {
    typealias Test = @Sendable (JSONValue) -> Bool

    /// The test for `candidate op operand` on `attribute`, or `nil` when the operand does
    /// not suit the type (the validator rejects those first). `ne` is built by the caller
    /// as the negation of `eq`.
    static func make(_ op: ComparisonOperator, _ operand: FilterValue, for attribute: AttributeDefinition) -> Test? {
        switch attribute.type {
        case .string, .reference, .binary:
            guard case .string(let text) = operand else { return nil }
            let caseExact = attribute.isCaseExact || attribute.type == .binary
            return strings(op, text, caseExact: caseExact)
        case .boolean:
            let wanted: Bool
            switch operand {
            case .bool(let bool): wanted = bool
            case .string(let text):
                guard let bool = BooleanText.parse(text) else { return nil }
                wanted = bool
            default: return nil
            }
            guard op == .eq else { return nil }
            return { candidate in boolean(candidate) == wanted }
        case .integer, .decimal:
            switch operand {
            case .integer(let integer): return numbers(op, .integer(integer))
            case .decimal(let decimal): return numbers(op, .decimal(decimal))
            default: return nil
            }
        case .dateTime:
            guard case .string(let text) = operand, let instant = DateTimeInstant(text) else { return nil }
            return { candidate in
                guard let string = candidate.stringValue, let value = DateTimeInstant(string) else { return false }
                return order(op, value, instant)
            }
        case .complex:
            return nil
        }
    }

    /// A boolean value, also from Entra's `"True"`/`"False"` strings
    /// (fixtures/entra/patch-replace-active-string.json).
    private static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let bool): return bool
        case .string(let text): return BooleanText.parse(text)
        default: return nil
        }
    }

    private static func strings(_ op: ComparisonOperator, _ operand: String, caseExact: Bool) -> Test {
        let needle = caseExact ? operand : operand.lowercased()
        return { candidate in
            guard case .string(let raw) = candidate else { return false }
            let value = caseExact ? raw : raw.lowercased()
            switch op {
            case .eq, .ne: return value == needle
            case .co: return needle.isEmpty || value.contains(needle)
            case .sw: return value.hasPrefix(needle)
            case .ew: return value.hasSuffix(needle)
            default: return order(op, value, needle)
            }
        }
    }

    private static func numbers(_ op: ComparisonOperator, _ operand: JSONValue) -> Test {
        { candidate in
            switch (candidate, operand) {
            case (.integer(let a), .integer(let b)): return order(op, a, b)
            case (.integer(let a), .decimal(let b)): return order(op, Double(a), b)
            case (.decimal(let a), .integer(let b)): return order(op, a, Double(b))
            case (.decimal(let a), .decimal(let b)): return order(op, a, b)
            default: return false
            }
        }
    }

    private static func order<T: Comparable>(_ op: ComparisonOperator, _ value: T, _ operand: T) -> Bool {
        switch op {
        case .eq, .ne: return value == operand
        case .gt: return value > operand
        case .ge: return value >= operand
        case .lt: return value < operand
        case .le: return value <= operand
        case .co, .sw, .ew: return false
        }
    }
}
