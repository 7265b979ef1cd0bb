import Coffee
import FoundationEssentials
import SCIM

/// A matching result as the `session_results.json` column holds it: the text
/// `JSONEncoder` gives with ``JSONText``'s options, with its groups written by the SCIM
/// module's JSON writer (issue 16: `JSONEncoder` took a large share of a 100,000-member
/// match on the 50,000 groups alone). Read back by `JSONDecoder` as before.
enum MatchingResultText {
    static func encode(_ result: MatchingResult) throws -> String {
        var rest = result
        rest.groups = []
        let text = try JSONText.encode(rest)
        // Keys are sorted: the groups follow the engine version, at the top level.
        let marker = "\"engineVersion\":" + (try JSONText.encode(result.engineVersion)) + ",\"groups\":[]"
        guard let range = text.range(of: marker) else { return try JSONText.encode(result) }
        let groups = plainGroupsText(result.groups) ?? JSONValue.array(result.groups.map(groupValue)).encodedString()
        return text[..<range.lowerBound] + marker.dropLast(2) + groups + text[range.upperBound...]
    }

    /// The groups' array written straight as bytes when no id needs an escape (the text
    /// the JSON tree gives), else `nil` (issue 16: the tree of 50,000 groups, then its
    /// text, was a twenty-fifth of a 100,000-member match's CPU).
    static func plainGroupsText(_ groups: [MatchGroup]) -> String? {
        var text: [UInt8] = []
        text.reserveCapacity(2 + groups.count * 120)
        text.append(UInt8(ascii: "["))
        for (index, group) in groups.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: #"{"members":["#.utf8)
            for (position, member) in group.members.enumerated() {
                guard OutboxPayload.isPlain(member.rawValue) else { return nil }
                text.append(contentsOf: (position == 0 ? #"{"rawValue":""# : #",{"rawValue":""#).utf8)
                text.append(contentsOf: member.rawValue.utf8)
                text.append(contentsOf: #""}"#.utf8)
            }
            text.append(contentsOf: #"],"repeatsInsideWindow":"#.utf8)
            text.append(contentsOf: String(group.repeatsInsideWindow).utf8)
            text.append(contentsOf: #","satisfiedRules":["#.utf8)
            for (position, rule) in group.satisfiedRules.enumerated() {
                if position > 0 { text.append(UInt8(ascii: ",")) }
                text.append(contentsOf: String(rule).utf8)
            }
            text.append(contentsOf: #"],"score":"#.utf8)
            text.append(contentsOf: String(group.score).utf8)
            text.append(UInt8(ascii: "}"))
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }

    /// A group as its `Codable` conformance writes it (keys sorted; a participant id as
    /// `{"rawValue":…}`).
    private static func groupValue(_ group: MatchGroup) -> JSONValue {
        .object(JSONObject(uniqueMembers: [
            JSONObject.Member(key: "members", value: .array(group.members.map { member in
                .object(JSONObject(uniqueMembers: [JSONObject.Member(key: "rawValue", value: .string(member.rawValue))]))
            })),
            JSONObject.Member(key: "repeatsInsideWindow", value: .integer(Int64(group.repeatsInsideWindow))),
            JSONObject.Member(key: "satisfiedRules", value: .array(group.satisfiedRules.map { .integer(Int64($0)) })),
            JSONObject.Member(key: "score", value: .integer(Int64(group.score))),
        ]))
    }
}
