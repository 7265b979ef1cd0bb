/// Why a CSV file could not be read. A parse error ends the parse: the structure of the
/// rest of the file cannot be trusted.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file ended inside a quoted field opened on `line`.
    case unterminatedQuote(line: Int)
    /// A closing quote followed by something other than a separator or a line break.
    case unexpectedCharacterAfterQuote(line: Int, field: Int)
    /// A field that is not valid UTF-8.
    case invalidUTF8(line: Int, field: Int)
    /// A field longer than ``CSVParser/Limits/maxFieldBytes``.
    case fieldTooLong(line: Int, limit: Int)
    /// A record with more fields than ``CSVParser/Limits/maxFieldsPerRecord``.
    case tooManyFields(line: Int, limit: Int)
    /// A record longer than ``CSVParser/Limits/maxRecordBytes``.
    case recordTooLong(line: Int, limit: Int)

    /// A sentence for the admin who uploaded the file.
    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        case .unexpectedCharacterAfterQuote(let line, let field):
            "line \(line), field \(field): a closing quote must be followed by a separator or a line break"
        case .invalidUTF8(let line, let field): "line \(line), field \(field): not valid UTF-8; save the file as UTF-8"
        case .fieldTooLong(let line, let limit): "line \(line): a field is longer than \(limit) bytes"
        case .tooManyFields(let line, let limit): "line \(line): more than \(limit) fields"
        case .recordTooLong(let line, let limit): "line \(line): the row is longer than \(limit) bytes"
        }
    }
}
