import Foundation

/// The columns of a CSV file, as recognised from its header row: the three mandatory
/// ones (``HeaderName``) and every other column, which a ``ColumnMapping`` decides on.
public struct ImportColumns: Sendable, Equatable {
    /// A column that is not mandatory.
    public struct Column: Sendable, Equatable, Hashable {
        /// 0-based position in the row.
        public var index: Int
        /// The header text, trimmed.
        public var header: String
    }

    /// 0-based index of the first name column.
    public var firstName: Int
    /// 0-based index of the last name column.
    public var lastName: Int
    /// 0-based index of the email column.
    public var email: Int
    /// Every other column, in order.
    public var others: [Column]
    /// The number of columns in the header.
    public var count: Int

    /// Recognises `header`. Throws ``ImportError/missingColumn(_:)`` or
    /// ``ImportError/duplicateColumn(_:columns:)``.
    public init(header: [String]) throws(ImportError) {
        var found: [HeaderName: [Int]] = [:]
        var others: [Column] = []
        for (index, text) in header.enumerated() {
            if let name = HeaderName.recognize(text) {
                found[name, default: []].append(index)
            } else {
                others.append(Column(index: index, header: text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        func index(of name: HeaderName) throws(ImportError) -> Int {
            guard let indexes = found[name], let first = indexes.first else { throw .missingColumn(name) }
            guard indexes.count == 1 else { throw .duplicateColumn(name, columns: indexes) }
            return first
        }
        firstName = try index(of: .firstName)
        lastName = try index(of: .lastName)
        email = try index(of: .email)
        self.others = others
        count = header.count
    }
}
