import SCIM
import TestSupport

/// Replays a recorded conversation (`{"source": …, "steps": [exchange, …]}`), step by
/// step, on one connection. `{{name}}` anywhere in a step is replaced by the `id` that
/// an earlier step captured with `"capture": "name"`. A request with `"as": "admin"` is
/// sent with the admin token (an administrator's step, e.g. declaring an extension).
struct ConversationReplayer {
    let client: SCIMTestClient
    let admin: SCIMTestClient?
    private(set) var captured: [String: String] = [:]

    init(client: SCIMTestClient, admin: SCIMTestClient? = nil) {
        self.client = client
        self.admin = admin
    }

    /// The problems found, one line per step that did not answer as recorded.
    mutating func replay(_ conversation: JSONValue) async throws -> [String] {
        guard let steps = conversation[attribute: "steps"]?.arrayValue, !steps.isEmpty else {
            throw SCIMTestFailure("conversation without steps")
        }
        var problems: [String] = []
        for (number, step) in steps.enumerated() {
            let resolved = try JSONParser.parse(substitute(step.encodedString()))
            guard let request = resolved[attribute: "request"], let method = request[attribute: "method"]?.stringValue,
                  let path = request[attribute: "path"]?.stringValue,
                  let status = resolved[attribute: "response"]?[attribute: "status"]?.integerValue else {
                throw SCIMTestFailure("step \(number + 1) lacks request.method, request.path or response.status")
            }
            var sender = client
            if request[attribute: "as"]?.stringValue == "admin" {
                guard let admin else { throw SCIMTestFailure("step \(number + 1) is an admin's, and no admin client was given") }
                sender = admin
            }
            let response = try await sender.send(method, path, body: request[attribute: "body"])
            if response.status != Int(status) {
                problems.append("step \(number + 1) \(method) \(path): status \(response.status), expected \(status): \(response.text.prefix(300))")
                continue
            }
            if let expected = resolved[attribute: "response"]?[attribute: "body"] {
                var mismatches: [String] = []
                FixtureReplayer.compare(expected, response.json, path: "", into: &mismatches)
                if !mismatches.isEmpty { problems.append("step \(number + 1) \(method) \(path): \(mismatches.joined(separator: "; "))") }
            }
            if let name = step[attribute: "capture"]?.stringValue {
                guard let id = response[attribute: "id"]?.stringValue else {
                    problems.append("step \(number + 1): nothing to capture as \(name)")
                    continue
                }
                captured[name] = id
            }
        }
        return problems
    }

    private func substitute(_ text: String) -> String {
        var result = text
        for (name, id) in captured { result = result.replacingOccurrences(of: "{{\(name)}}", with: id) }
        return result
    }
}
