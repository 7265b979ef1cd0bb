import Foundation
import SCIM
import TestSupport

/// Replays one recorded IdP exchange (`{"request": …, "response": …}`) against a live
/// server: it creates the stored resources the request refers to (fixtures/resources),
/// creates a placeholder user for every other member id, rewrites the fixture's ids to
/// the ids the server assigned, sends the request, and compares the answer.
struct FixtureReplayer {
    let client: SCIMTestClient
    /// Fixture id → live id.
    private(set) var ids: [String: String] = [:]

    init(client: SCIMTestClient) { self.client = client }

    struct Outcome {
        var expectedStatus: Int
        var response: SCIMTestClient.Response
        /// Differences between the expected body (a subset) and the response.
        var mismatches: [String]
    }

    mutating func replay(_ exchange: JSONValue) async throws -> Outcome {
        let request = try require(exchange[attribute: "request"], "request")
        let expected = try require(exchange[attribute: "response"], "response")
        try await createResources(referencedBy: exchange)
        let method = try require(request[attribute: "method"]?.stringValue, "request.method")
        var path = mapped(try require(request[attribute: "path"]?.stringValue, "request.path"))
        if !path.hasPrefix("/scim/v2") { path = "/scim/v2" + path }
        let body = try request[attribute: "body"].map { try JSONParser.parse(mapped($0.encodedString())) }
        let response = try await client.send(method, path, body: body)
        let status = Int(try require(expected[attribute: "status"]?.integerValue, "response.status"))
        var mismatches: [String] = []
        if let expectedBody = expected[attribute: "body"] {
            let expectedMapped = try JSONParser.parse(mapped(expectedBody.encodedString()))
            Self.compare(expectedMapped, response.json, path: "", into: &mismatches)
        }
        return Outcome(expectedStatus: status, response: response, mismatches: mismatches)
    }

    // MARK: - Resources

    private mutating func createResources(referencedBy exchange: JSONValue) async throws {
        let text = exchange.encodedString()
        let resources = try RepositoryFixtures.names(in: "resources").map(RepositoryFixtures.json)
        let users = resources.filter { $0[attribute: "schemas"]?.arrayValue?.contains(.string(SCIMSchemaURN.user)) == true }
        let groups = resources.filter { $0[attribute: "schemas"]?.arrayValue?.contains(.string(SCIMSchemaURN.group)) == true }
        for user in users {
            guard let id = user[attribute: "id"]?.stringValue else { continue }
            let response = try await client.post("/scim/v2/Users", user)
            ids[id] = try require(response[attribute: "id"]?.stringValue, "created user \(id): \(response.text)")
        }
        // Member ids that are no stored resource become placeholder users.
        var memberIDs = Set<String>()
        for group in groups { Self.collectMemberValues(group[attribute: "members"], into: &memberIDs) }
        Self.collectMemberValues(exchange[attribute: "request"]?[attribute: "body"], into: &memberIDs)
        for match in text.matches(of: /members\[value eq \\"([0-9a-f-]{36})\\"\]/) { memberIDs.insert(String(match.1)) }
        for memberID in memberIDs.sorted() where ids[memberID] == nil {
            let response = try await client.post("/scim/v2/Users", SCIMBodies.user("member-\(memberID)@example.com"))
            ids[memberID] = try require(response[attribute: "id"]?.stringValue, "placeholder \(memberID): \(response.text)")
        }
        for group in groups {
            guard let id = group[attribute: "id"]?.stringValue else { continue }
            let body = try JSONParser.parse(mapped(group.encodedString()))
            let response = try await client.post("/scim/v2/Groups", body)
            ids[id] = try require(response[attribute: "id"]?.stringValue, "created group \(id): \(response.text)")
        }
    }

    private static func collectMemberValues(_ value: JSONValue?, into ids: inout Set<String>) {
        switch value {
        case .array(let elements)?:
            for element in elements { collectMemberValues(element, into: &ids) }
        case .object(let object)?:
            for member in object.members {
                if member.key.equalsIgnoringCase("value"), let text = member.value.stringValue, text.wholeMatch(of: /[0-9a-f-]{36}/) != nil {
                    ids.insert(text)
                } else {
                    collectMemberValues(member.value, into: &ids)
                }
            }
        default:
            break
        }
    }

    private func mapped(_ text: String) -> String {
        var result = text
        for (fixtureID, liveID) in ids { result = result.replacingOccurrences(of: fixtureID, with: liveID) }
        return result
    }

    // MARK: - Comparison

    /// `expected` must be contained in `actual`: objects by key (ignoring `meta`, and the
    /// `display` and `$ref` the server computes for members), arrays element by element
    /// in any order.
    static func compare(_ expected: JSONValue, _ actual: JSONValue?, path: String, into mismatches: inout [String]) {
        switch expected {
        case .object(let object):
            guard case .object(let actualObject)? = actual else {
                mismatches.append("\(path): expected an object, got \(actual.map { $0.encodedString() } ?? "nothing")")
                return
            }
            for member in object.members where !["meta", "display", "$ref"].contains(member.key) {
                compare(member.value, actualObject[attribute: member.key], path: "\(path).\(member.key)", into: &mismatches)
            }
        case .array(let elements):
            guard case .array(let actualElements)? = actual, actualElements.count == elements.count else {
                mismatches.append("\(path): expected \(elements.count) elements, got \(actual.map { $0.encodedString() } ?? "nothing")")
                return
            }
            var remaining = actualElements
            for element in elements {
                if let index = remaining.firstIndex(where: { candidate in
                    var local: [String] = []
                    compare(element, candidate, path: path, into: &local)
                    return local.isEmpty
                }) {
                    remaining.remove(at: index)
                } else {
                    mismatches.append("\(path): no element matches \(element.encodedString())")
                }
            }
        default:
            if expected != actual { mismatches.append("\(path): expected \(expected.encodedString()), got \(actual.map { $0.encodedString() } ?? "nothing")") }
        }
    }

    private func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw SCIMTestFailure("fixture: missing \(what)") }
        return value
    }
}
