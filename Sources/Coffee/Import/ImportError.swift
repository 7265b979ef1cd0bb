/// Why a whole CSV import cannot be applied: the file, its header or the column mapping
/// is wrong. Row-level problems are ``ImportIssue``s instead.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be parsed.
    case csv(CSVError)
    /// The file has no header row.
    case emptyFile
    /// A mandatory column is missing.
    case missingColumn(HeaderName)
    /// A mandatory column appears more than once (0-based column indexes).
    case duplicateColumn(HeaderName, columns: [Int])
    /// A column is mapped to a category the tenant does not define.
    case unknownCategory(column: String, key: CategoryKey)
    /// A column would create a category whose key exists, or that two columns create.
    case categoryKeyTaken(column: String, key: CategoryKey)
    /// The mapping names a column index the header does not have, or a mandatory column.
    case invalidColumn(index: Int)

    /// A sentence for the admin.
    public var description: String {
        switch self {
        case .csv(let error): error.description
        case .emptyFile: "the file is empty; the first row must name the columns"
        case .missingColumn(let name): "no \(name.label) column (expected e.g. \(name.examples))"
        case .duplicateColumn(let name, let columns):
            "the \(name.label) column appears \(columns.count) times (columns \(columns.map { String($0 + 1) }.joined(separator: ", ")))"
        case .unknownCategory(let column, let key): "column \"\(column)\" is mapped to an unknown category \"\(key)\""
        case .categoryKeyTaken(let column, let key):
            "column \"\(column)\" would create category \"\(key)\", which exists: choose category:\(key) to fill it"
        case .invalidColumn(let index): "column \(index + 1) cannot be mapped"
        }
    }
}

extension HeaderName {
    /// The column's name in English.
    public var label: String {
        switch self {
        case .firstName: "first name"
        case .lastName: "last name"
        case .email: "email"
        }
    }

    /// Accepted spellings, for error messages.
    var examples: String {
        switch self {
        case .firstName: "\"First name\" or \"Prénom\""
        case .lastName: "\"Last name\" or \"Nom\""
        case .email: "\"Email\", \"E-mail\" or \"Courriel\""
        }
    }
}
