import FoundationEssentials
import HTTP
import SCIM

/// Building the admin API's JSON bodies (`application/json`).
enum AdminJSON {
    static let mediaType = "application/json"

    /// A JSON response.
    static func response(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
        var fields = HTTPFields([("Content-Type", mediaType)])
        for (name, value) in headers { fields.append(name: name, value: value) }
        return HTTPResponse(status: status, headers: fields, body: value.encoded())
    }

    /// An object of the pairs whose value is present, in the order given.
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(pairs.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    /// A page of `items` with the cursor of the next page, if there may be one.
    static func page(_ items: [JSONValue], next: Int64?) -> JSONValue {
        object([("items", .array(items)), ("next", next.map { .string(String($0)) })])
    }

    /// `text` as a JSON string, or nothing.
    static func string(_ text: String?) -> JSONValue? { text.map { .string($0) } }

    /// An instant as ISO 8601 UTC with milliseconds, or nothing.
    static func date(_ date: Date?) -> JSONValue? {
        date.map { .string(Timestamp.iso8601(milliseconds: milliseconds($0))) }
    }

    /// Milliseconds since 1970 of `date`, truncated exactly as the Store keeps instants
    /// (issue 16: a program's `createdAt` was rounded in the creation's response and
    /// truncated once read back, so it changed by a millisecond after an update).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSinceReferenceDate * 1_000) + 0.001).rounded(.down)) + 978_307_200_000
    }

    /// The instant `milliseconds` after 1970: ``milliseconds(_:)`` gives it back.
    static func instant(milliseconds: Int64) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(milliseconds - 978_307_200_000) / 1_000)
    }

    /// A number as an integer when it is whole (`30`, not `30.0`), else as a decimal.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, let whole = Int64(exactly: value) { return .integer(whole) }
        return .decimal(value)
    }

    /// Strings as a JSON array.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// Parses an RFC 3339 instant given by a client (`2026-12-01T09:00:00Z`,
    /// `2026-12-01T10:00:00.5+01:00`). Out-of-range fields are refused, not rolled over,
    /// and the offset is required. So is an instant whose UTC year is not 0000–9999
    /// (`9999-12-31T23:59:59-14:00`): RFC 3339 writes four-digit years, and the answer
    /// would have shown `10000-01-01T13:59:59.000Z`.
    static func parseDate(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard let last = utf8.last, utf8.count >= 20 else { return nil }
        let sign = utf8[utf8.count - 6]
        guard last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") || sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let instant = DateTimeInstant(text),
              (-62_167_219_200 ... 253_402_300_799).contains(instant.seconds) else { return nil }
        return Date(timeIntervalSince1970: Double(instant.seconds) + Double(instant.nanoseconds) / 1_000_000_000)
    }

    /// The boolean field `name` of a request body, `nil` when absent; any other value
    /// (`null` included) is refused rather than ignored.
    static func bool(_ body: JSONObject, _ name: String) throws(SCIMError) -> Bool? {
        guard let value = body[attribute: name] else { return nil }
        guard let flag = value.boolValue else { throw .invalidValue("'\(name)' must be true or false.") }
        return flag
    }

    /// The string field `name` of a request body, `nil` when absent; any other value
    /// (`null` included) is refused rather than ignored.
    static func string(_ body: JSONObject, _ name: String) throws(SCIMError) -> String? {
        guard let value = body[attribute: name] else { return nil }
        guard let text = value.stringValue else { throw .invalidValue("'\(name)' must be a string.") }
        return text
    }
}
