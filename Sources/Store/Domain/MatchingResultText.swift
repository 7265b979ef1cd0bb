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
        let groups = JSONValue.array(result.groups.map(groupValue)).encodedString()
        return text[..<range.lowerBound] + marker.dropLast(2) + groups + text[range.upperBound...]
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
