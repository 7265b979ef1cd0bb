/// A parsed SCIM filter expression (RFC 7644 §3.4.2.2).
///
/// The tree is deliberately small, so that the in-memory ``FilterEvaluator`` and the
/// Store's SQL translator can both walk it:
///
/// ```
/// userName eq "bjensen"                 .compare(userName, .eq, .string("bjensen"))
/// title pr                              .present(title)
/// a and b / a or b                      .and(a, b) / .or(a, b)   (left-associative)
/// not (a)                               .not(a)
/// emails[type eq "work"]                .valuePath(emails, .compare(type, .eq, "work"))
/// ```
///
/// Paths inside a `.valuePath` filter are relative to the elements of the parent
/// attribute (`type` means `emails.type`). Parentheses leave no trace: `(a)` is `a`.
/// ``description`` renders the canonical text, and parsing it gives the same tree.
public indirect enum Filter: Sendable, Hashable {
    /// `attrPath compareOp compValue` (RFC 7644 §3.4.2.2, Table 3).
    case compare(AttributePath, ComparisonOperator, FilterValue)
    /// `attrPath pr`: the attribute has a non-empty value (RFC 7644 §3.4.2.2).
    case present(AttributePath)
    /// `FILTER and FILTER`: both are true.
    case and(Filter, Filter)
    /// `FILTER or FILTER`: either is true.
    case or(Filter, Filter)
    /// `not (FILTER)`: the filter is false.
    case not(Filter)
    /// `attrPath "[" valFilter "]"`: some value of the multi-valued (or complex)
    /// attribute matches the inner filter, evaluated against that value's sub-attributes.
    case valuePath(AttributePath, Filter)
}

/// A comparison operator of RFC 7644 §3.4.2.2, Table 3 (`pr` is ``Filter/present(_:)``).
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    /// "equal": the attribute and operator values are identical.
    case eq
    /// "not equal": the attribute and operator values are not identical.
    case ne
    /// "contains": the entire operator value is a substring of the attribute value.
    case co
    /// "starts with": the entire operator value is a prefix of the attribute value.
    case sw
    /// "ends with": the entire operator value is a suffix of the attribute value.
    case ew
    /// "greater than": lexicographically, chronologically or numerically greater.
    case gt
    /// "greater than or equal to".
    case ge
    /// "less than".
    case lt
    /// "less than or equal to".
    case le

    /// True for the ordering operators `gt`, `ge`, `lt`, `le`, which RFC 7644 §3.4.2.2
    /// forbids on boolean and binary attributes.
    public var isOrdering: Bool {
        switch self {
        case .gt, .ge, .lt, .le: return true
        default: return false
        }
    }

    /// True for the substring operators `co`, `sw`, `ew`.
    public var isSubstring: Bool {
        switch self {
        case .co, .sw, .ew: return true
        default: return false
        }
    }

    /// The operator spelled in any case (RFC 7644 §3.4.2.2: "attribute operators used in
    /// filters are case insensitive"), or `nil`.
    public init?(keyword: String) {
        switch keyword.lowercased() {
        case "eq": self = .eq
        case "ne": self = .ne
        case "co": self = .co
        case "sw": self = .sw
        case "ew": self = .ew
        case "gt": self = .gt
        case "ge": self = .ge
        case "lt": self = .lt
        case "le": self = .le
        default: return nil
        }
    }
}

/// The `compValue` of a comparison: `false / null / true / number / string`, the JSON
/// rules of RFC 7159 (RFC 7644 §3.4.2.2).
///
/// Integers and decimals stay apart, as in ``JSONValue``; comparisons treat them as
/// numbers.
public enum FilterValue: Sendable, Hashable {
    /// A JSON string, escapes decoded.
    case string(String)
    /// A JSON number without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other JSON number.
    case decimal(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The same value as a ``JSONValue``.
    public var jsonValue: JSONValue {
        switch self {
        case .string(let string): return .string(string)
        case .integer(let integer): return .integer(integer)
        case .decimal(let decimal): return .decimal(decimal)
        case .bool(let bool): return .bool(bool)
        case .null: return .null
        }
    }
}

extension FilterValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    /// `"text"`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `42`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `4.2`.
    public init(floatLiteral value: Double) { self = .decimal(value) }
    /// `true` / `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `nil` for `null`.
    public init(nilLiteral: ()) { self = .null }
}
