/// The stable key of a category (`department`, `city`), used by mappings, audiences and
/// matching rules. Labels may change; keys do not.
public struct CategoryKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The key as stored.
    public let rawValue: String

    /// Wraps a stored key.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Allows `"department"` where a key is expected.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The key a new category named `label` gets (an import's column header, the console's
    /// label): folded as headers are matched (``HeaderName/fold(_:)``: lowercase, without
    /// diacritics or spaces), then only its ASCII letters and digits, at most 64: the keys
    /// the category API takes (letters, digits, `-`, `_`). `nil` when nothing is left
    /// (`部门`, `#`). Before, an import made keys of whatever its headers held
    /// (`team#1/2?x`, 300 characters) that the category API refused and a member filter
    /// (`category=key:value`) could not name.
    public static func derived(fromLabel label: String) -> CategoryKey? {
        let key = String(String.UnicodeScalarView(HeaderName.fold(label).unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }).prefix(64))
        return key.isEmpty ? nil : CategoryKey(key)
    }

    /// Orders by raw value.
    public static func < (lhs: CategoryKey, rhs: CategoryKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }

    /// Enterprise `department`.
    public static let department: CategoryKey = "department"
    /// Enterprise `division`.
    public static let division: CategoryKey = "division"
    /// Enterprise `organization`.
    public static let organization: CategoryKey = "organization"
    /// Enterprise `costCenter`.
    public static let costCenter: CategoryKey = "costCenter"
    /// Core `title`.
    public static let jobTitle: CategoryKey = "jobTitle"
    /// The work address's `locality`.
    public static let city: CategoryKey = "city"
}
