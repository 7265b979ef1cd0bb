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
        date.map { .string($0.formatted(style)) }
    }

    /// Strings as a JSON array.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true,
                                                       timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// Parses an ISO 8601 instant given by a client.
    static func parseDate(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
