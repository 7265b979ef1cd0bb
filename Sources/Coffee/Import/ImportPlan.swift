/// The dry-run report of a CSV import: row by row what would happen and every problem.
/// The apply step (one transaction) applies it only when ``isApplicable``: all rows or
/// none.
public struct ImportPlan: Sendable, Equatable {
    /// File-level problems (header, mapping). Any makes the plan inapplicable.
    public var fileErrors: [ImportError]
    /// One entry per data row, in file order.
    public var rows: [ImportRowPlan]
    /// Categories the mapping creates, with the values collected from the file.
    public var newCategories: [Category]
    /// Values new to existing select categories, by key, in order of arrival.
    public var grownValues: [CategoryKey: [String]]
    /// Every non-mandatory column that is not imported, in column order, with why.
    public var ignoredColumns: [IgnoredColumn]

    /// Creates a plan.
    public init(fileErrors: [ImportError] = [], rows: [ImportRowPlan] = [], newCategories: [Category] = [],
                grownValues: [CategoryKey: [String]] = [:], ignoredColumns: [IgnoredColumn] = []) {
        self.fileErrors = fileErrors
        self.rows = rows
        self.newCategories = newCategories
        self.grownValues = grownValues
        self.ignoredColumns = ignoredColumns
    }

    /// Whether the import may be applied: no file error and no row error.
    public var isApplicable: Bool {
        fileErrors.isEmpty && rows.allSatisfy { $0.errors.isEmpty }
    }

    /// Counts for the report's headline.
    public var summary: Summary {
        var summary = Summary()
        for row in rows {
            switch row.action {
            case .create: summary.created += 1
            case .update: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            case .rejected: summary.rejected += 1
            }
            if row.issues.contains(where: { !$0.isError }) { summary.withWarnings += 1 }
        }
        return summary
    }

    /// How many rows do what.
    public struct Summary: Sendable, Equatable {
        /// Rows that create a member.
        public var created = 0
        /// Rows that update a member.
        public var updated = 0
        /// Rows that change nothing.
        public var unchanged = 0
        /// Rows with errors.
        public var rejected = 0
        /// Rows with warnings.
        public var withWarnings = 0

        /// Creates counts.
        public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0, withWarnings: Int = 0) {
            self.created = created
            self.updated = updated
            self.unchanged = unchanged
            self.rejected = rejected
            self.withWarnings = withWarnings
        }
    }
}
