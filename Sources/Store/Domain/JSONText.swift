import Coffee
import FoundationEssentials
import SCIM

/// Small JSON documents in TEXT columns (arrays of emails, category values, settings,
/// event payloads), with sorted keys so equal values store equal text.
///
/// The two shapes every member row holds — a list of strings (emails) and lists of
/// strings by key (category values) — and outbox payloads are written with the SCIM
/// module's JSON writer, and the first two read with its parser, instead of
/// `JSONEncoder`/`JSONDecoder`, which cost several microseconds a call: a 100,000-row CSV
/// import writes 400,000 of them. The text is the same either way (compact, keys
/// sorted, `/` not escaped).
enum JSONText {
    /// `value` as compact JSON text.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // With milliseconds, as every timestamp column (issue 16: a program's `createdAt`
        // lost its milliseconds once read back for an update).
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(from: date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `strings` as a JSON array. Declared `throws` like the generic form, which it
    /// shadows for this type; it never throws.
    static func encode(_ strings: [String]) throws -> String {
        JSONValue.array(strings.map { .string($0) }).encodedString()
    }

    /// Lists of strings by key as a JSON object, keys sorted. Never throws (see above).
    static func encode(_ lists: [String: [String]]) throws -> String {
        let members = lists.keys.sorted().map { key in
            JSONObject.Member(key: key, value: .array((lists[key] ?? []).map { .string($0) }))
        }
        return JSONValue.object(JSONObject(uniqueMembers: members)).encodedString()
    }

    /// An outbox payload (``OutboxPayload/jsonText``). Never throws (see above).
    static func encode(_ payload: OutboxPayload) throws -> String {
        payload.jsonText
    }

    /// `text` decoded as `T`; a column that does not decode is storage corruption.
    static func decode<T: Decodable>(_ text: String) throws -> T {
        try decode(text, as: T.self)
    }

    /// `text` decoded as `type` by `JSONDecoder`.
    static func decode<T: Decodable>(_ text: String, as type: T.Type) throws -> T {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let container = try decoder.singleValueContainer()
                let text = try container.decode(String.self)
                // Ours (milliseconds), or whole seconds as stored before they were kept.
                if let date = Timestamp.date(from: text) ?? (try? Date(text, strategy: .iso8601)) { return date }
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 instant")
            }
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(code: .corrupt, message: "a stored JSON column does not decode as \(T.self)")
        }
    }

    /// `text` decoded as a session, its opt-ins and opt-outs read apart (``SessionText``).
    static func decode(_ text: String) throws -> Session {
        try SessionText.decode(text)
    }

    /// `text` decoded as a list of strings: plainly written text straight from its bytes
    /// (``PlainJSONLists``), any other through the SCIM parser.
    static func decode(_ text: String) throws -> [String] {
        if let strings = PlainJSONLists.strings(text) { return strings }
        if let items = (try? JSONParser.parse(text))?.arrayValue {
            let strings = items.compactMap(\.stringValue)
            if strings.count == items.count { return strings }
        }
        return try decode(text, as: [String].self)
    }

    /// `text` decoded as lists of strings by key. Keys that differ only in case, which
    /// the SCIM parser refuses, fall back to `JSONDecoder`.
    static func decode(_ text: String) throws -> [String: [String]] {
        if let lists = PlainJSONLists.lists(text) { return lists }
        if let object = (try? JSONParser.parse(text))?.objectValue {
            var lists: [String: [String]] = [:]
            lists.reserveCapacity(object.count)
            for member in object.members {
                guard let items = member.value.arrayValue else { break }
                let strings = items.compactMap(\.stringValue)
                guard strings.count == items.count else { break }
                lists[member.key] = strings
            }
            if lists.count == object.count { return lists }
        }
        return try decode(text, as: [String: [String]].self)
    }
}
