import FoundationEssentials

extension Row {
    /// Column `index` as a stored `Timestamp`; throws `.mismatch` for anything else.
    func date(_ index: Int) throws -> Date {
        guard let date = Timestamp.date(from: string(index)) else {
            throw StoreError(code: .mismatch, message: "column \(columnName(index)) is not a timestamp")
        }
        return date
    }

    /// Column `index` as a stored `Timestamp`, or `nil` for SQL `NULL`.
    func optionalDate(_ index: Int) throws -> Date? {
        isNull(index) ? nil : try date(index)
    }
}
