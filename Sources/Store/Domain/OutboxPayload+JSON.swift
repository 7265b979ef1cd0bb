import Coffee
import FoundationEssentials
import SCIM

extension OutboxPayload {
    /// The payload as the `outbox.payload` column holds it, written without
    /// `JSONEncoder`: the same text its `Codable` conformance gives with ``JSONText``'s
    /// options (keys sorted, absent fields left out, `expiresAt` in ISO 8601 without
    /// fractional seconds). Every event of a CSV import is written through it; a compact
    /// introduction straight as text (``compactIntroductionText``).
    var jsonText: String {
        compactIntroductionText ?? treeText
    }

    /// ``jsonText`` through a JSON tree: any payload.
    var treeText: String {
        func strings(_ values: [String]?) -> JSONValue? { values.map { .array($0.map { .string($0) }) } }
        let fields: [(String, JSONValue?)] = [
            ("added", strings(added)),
            ("changedCategories", strings(changedCategories)),
            ("changedFields", strings(changedFields)),
            ("details", details.map { details in
                .object(JSONObject(uniqueMembers: details.keys.sorted().map { JSONObject.Member(key: $0, value: .string(details[$0] ?? "")) }))
            }),
            ("email", email.map { .string($0) }),
            ("expiresAt", expiresAt.map { .string($0.formatted(Date.ISO8601FormatStyle())) }),
            ("givenName", givenName.map { .string($0) }),
            ("idpActive", idpActive.map { .bool($0) }),
            ("introduction", introduction.map(\.jsonValue)),
            ("locale", locale.map { .string($0) }),
            ("removed", strings(removed)),
            ("sequence", .integer(Int64(sequence))),
            ("source", source.map { .string($0) }),
        ]
        let members = fields.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }
        return JSONValue.object(JSONObject(uniqueMembers: members)).encodedString()
    }
}

extension OutboxPayload {
    /// The text of a payload that holds a compact introduction and nothing else — a
    /// match stages one per group, 50,000 for 100,000 members (issue 16) — written
    /// straight as text, no JSON tree: the text ``treeText`` gives. `nil` for any other
    /// payload, or when an id would need an escape.
    var compactIntroductionText: String? {
        guard let introduction, introduction.isCompact, introduction.meeting == nil, email == nil, givenName == nil,
              locale == nil, source == nil, idpActive == nil, changedFields == nil, changedCategories == nil, added == nil,
              removed == nil, expiresAt == nil, details == nil, Self.isPlain(introduction.session) else { return nil }
        // Bytes appended to one buffer, one `String` at the end (issue 16: appending to a
        // `String` piece by piece was a third of the outbox's staging CPU).
        var text: [UInt8] = []
        text.reserveCapacity(96 + introduction.session.utf8.count + 64 * introduction.members.count)
        text.append(contentsOf: #"{"introduction":{"compact":true,"group":"#.utf8)
        text.append(contentsOf: String(introduction.group).utf8)
        text.append(contentsOf: #","members":["#.utf8)
        for (index, member) in introduction.members.enumerated() {
            guard member.givenName.isEmpty, member.familyName.isEmpty, member.email == nil, member.categories == nil,
                  member.timeZone == nil, Self.isPlain(member.id) else { return nil }
            text.append(contentsOf: (index == 0 ? #"{"familyName":"","givenName":"","id":""# : #",{"familyName":"","givenName":"","id":""#).utf8)
            text.append(contentsOf: member.id.utf8)
            text.append(contentsOf: #""}"#.utf8)
        }
        text.append(contentsOf: #"],"session":""#.utf8)
        text.append(contentsOf: introduction.session.utf8)
        text.append(contentsOf: #""},"sequence":"#.utf8)
        text.append(contentsOf: String(sequence).utf8)
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `value` is written in JSON as it is, between quotes: printable ASCII but
    /// `"`, `\` and `/`.
    static func isPlain(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }
    }
}

extension OutboxIntroduction {
    /// The introduction as its `Codable` conformance writes it with ``JSONText``'s options
    /// (keys sorted, absent fields left out, the meeting's instants as ``Timestamp``s:
    /// plain arithmetic, not `ISO8601FormatStyle`, for the tens of thousands of groups
    /// of a large session).
    var jsonValue: JSONValue {
        func object(_ fields: [(String, JSONValue?)]) -> JSONValue {
            .object(JSONObject(uniqueMembers: fields.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
        }
        func instant(_ date: Date) -> JSONValue { .string(Timestamp.string(from: date)) }
        return object([
            ("compact", compact.map { .bool($0) }),
            ("group", .integer(Int64(group))),
            ("meeting", meeting.map { meeting in
                object([
                    ("slot", meeting.slot.map { object([("end", instant($0.end)), ("start", instant($0.start))]) }),
                    ("windowEnd", instant(meeting.windowEnd)),
                    ("windowStart", instant(meeting.windowStart)),
                ])
            }),
            ("members", .array(members.map { member in
                object([
                    ("categories", member.categories.map { categories in
                        .array(categories.map { object([("label", .string($0.label)), ("values", .array($0.values.map { .string($0) }))]) })
                    }),
                    ("email", member.email.map { .string($0) }),
                    ("familyName", .string(member.familyName)),
                    ("givenName", .string(member.givenName)),
                    ("id", .string(member.id)),
                    ("timeZone", member.timeZone.map { .string($0) }),
                ])
            })),
            ("session", .string(session)),
        ])
    }
}
