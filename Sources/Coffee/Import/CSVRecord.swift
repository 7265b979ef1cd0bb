/// One record of a CSV file: its fields, decoded as UTF-8, and the physical line it
/// starts on (1-based, counting the lines inside quoted fields), for error reports.
public struct CSVRecord: Sendable, Equatable {
    /// The fields, in column order.
    public var fields: [String]
    /// The 1-based line the record starts on.
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
