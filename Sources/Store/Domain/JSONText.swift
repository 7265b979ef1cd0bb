import FoundationEssentials
import SCIM

/// Small JSON documents in TEXT columns (arrays of emails, category values, settings,
/// event payloads), with sorted keys so equal values store equal text.
enum JSONText {
    /// `value` as compact JSON text.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `text` decoded as `T`; a column that does not decode is storage corruption.
    static func decode<T: Decodable>(_ text: String) throws -> T {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(code: .corrupt, message: "a stored JSON column does not decode as \(T.self)")
        }
    }

    /// A stored JSON array of strings.
    static func strings(_ bytes: [UInt8]) throws -> [String] {
        guard let items = try? JSONParser.parse(bytes).arrayValue else {
            throw StoreError(code: .corrupt, message: "a stored JSON column is not an array of strings")
        }
        return items.compactMap(\.stringValue)
    }

    /// A stored JSON object of string arrays.
    static func stringLists(_ bytes: [UInt8]) throws -> [String: [String]] {
        guard let object = try? JSONParser.parse(bytes).objectValue else {
            throw StoreError(code: .corrupt, message: "a stored JSON column is not an object of string lists")
        }
        var lists: [String: [String]] = [:]
        for member in object.members { lists[member.key] = member.value.arrayValue?.compactMap(\.stringValue) ?? [] }
        return lists
    }
}
