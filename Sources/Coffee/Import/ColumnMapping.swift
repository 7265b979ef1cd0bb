/// What an admin decided for each non-mandatory CSV column: fill an existing category,
/// create a new one (a drop-down whose values are collected from the file), or ignore
/// it. Columns without a decision are ignored.
public struct ColumnMapping: Sendable, Equatable {
    /// One column's decision.
    public enum Target: Sendable, Equatable {
        /// Fill the existing category with this key.
        case existingCategory(CategoryKey)
        /// Create this category (its known values are collected from the file).
        case newCategory(Category)
        /// Do not import the column.
        case ignored
    }

    /// Decisions by 0-based column index.
    public var targets: [Int: Target]

    /// Creates a mapping.
    public init(_ targets: [Int: Target] = [:]) {
        self.targets = targets
    }

    /// The decision for a column; `.ignored` when none was made.
    public subscript(column: Int) -> Target {
        targets[column] ?? .ignored
    }

    /// A suggestion to show the admin: a column named like an existing category (by key
    /// or label, ignoring case, accents and spaces) fills it — also one the identity
    /// provider fills, for the members it does not provision (``ImportPlanner``); any
    /// other named column becomes a new single-select category keyed by its folded
    /// header (``CategoryKey/derived(fromLabel:)``); an unnamed column, or one whose header
    /// gives no key, is ignored.
    public static func suggested(for columns: ImportColumns, catalog: CategoryCatalog) -> ColumnMapping {
        var targets: [Int: Target] = [:]
        for column in columns.others {
            if let category = catalog.category(named: column.header) {
                targets[column.index] = .existingCategory(category.key)
            } else if let key = CategoryKey.derived(fromLabel: column.header) {
                targets[column.index] = .newCategory(Category(key: key, label: column.header))
            } else {
                targets[column.index] = .ignored
            }
        }
        return ColumnMapping(targets)
    }
}
