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
