import Coffee
import SCIM

/// `GET /api/v1/programs/{id}/statistics/connections`: which values of a category met
/// which over the program's last matched sessions (``ConnectionMatrix``), the matrix the
/// console's statistics page draws.
enum ConnectionMatrixJSON {
    /// `category` (as asked), `last`, `values` (sorted, `null` for "no value", last),
    /// `cells` (square, rows and columns in the order of `values`; symmetric, the
    /// diagonal counts pairs with the same value), `pairs` and `acrossRate` (connections
    /// between two different values over all; null when none).
    static func json(_ matrix: ConnectionMatrix, category: String, last: Int) -> JSONValue {
        AdminJSON.object([
            ("category", .string(category)),
            ("last", .integer(Int64(last))),
            ("values", .array(matrix.values.map { $0.map(JSONValue.string) ?? .null })),
            ("cells", .array(matrix.values.map { a in .array(matrix.values.map { b in .integer(Int64(matrix.count(a, b))) }) })),
            ("pairs", .integer(Int64(matrix.pairs))),
            ("acrossRate", matrix.acrossRate.map { .decimal($0) } ?? .null),
        ])
    }
}
