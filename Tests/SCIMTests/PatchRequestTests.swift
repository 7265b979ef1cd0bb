import Testing
@testable import SCIM

@Suite("PATCH requests — RFC 7644 §3.5.2")
struct PatchRequestTests {
    static let patchOp: JSONValue = [.string(SCIMSchemaURN.patchOp)]

    static func body(_ operations: JSONValue) -> JSONValue {
        ["schemas": patchOp, "Operations": operations]
    }

    @Test("parses ops in any case", arguments: [
        ("add", PatchOperation.Op.add), ("Add", .add), ("ADD", .add), ("remove", .remove), ("Remove", .remove),
        ("REMOVE", .remove), ("replace", .replace), ("Replace", .replace), ("rEpLaCe", .replace),
    ])
    func opsInAnyCase(text: String, op: PatchOperation.Op) throws {
        let request = try PatchRequest.parse(Self.body([["op": .string(text), "path": "title", "value": "x"]]))
        #expect(request.operations.first?.op == op)
    }

    @Test("member names of the body and of operations match ignoring case")
    func caseInsensitiveMembers() throws {
        let body: JSONValue = ["SCHEMAS": Self.patchOp, "operations": [["OP": "add", "Path": "title", "VALUE": "x"]]]
        let request = try PatchRequest.parse(body)
        #expect(request.operations == [PatchOperation(op: .add, path: PatchPath(attribute: "title"), value: "x")])
    }

    static let invalid: [(String, JSONValue, SCIMType?)] = [
        ("not an object", [], .invalidSyntax),
        ("no schemas", ["Operations": [["op": "add", "path": "a", "value": 1]]], .invalidSyntax),
        ("wrong schema", ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "Operations": [["op": "add", "path": "a", "value": 1]]], .invalidSyntax),
        ("schemas not an array", ["schemas": .string(SCIMSchemaURN.patchOp), "Operations": [["op": "add", "path": "a", "value": 1]]], .invalidSyntax),
        ("no Operations", ["schemas": patchOp], .invalidSyntax),
        ("empty Operations", ["schemas": patchOp, "Operations": []], .invalidSyntax),
        ("Operations not an array", ["schemas": patchOp, "Operations": ["op": "add"]], .invalidSyntax),
        ("operation not an object", body(["add"]), .invalidSyntax),
        ("no op", body([["path": "a", "value": 1]]), .invalidSyntax),
        ("op not a string", body([["op": 1, "path": "a", "value": 1]]), .invalidSyntax),
        ("unknown op", body([["op": "move", "path": "a", "value": 1]]), .invalidSyntax),
        ("JSON Patch op", body([["op": "test", "path": "a", "value": 1]]), .invalidSyntax),
        ("path not a string", body([["op": "add", "path": 5, "value": 1]]), .invalidPath),
        ("bad path", body([["op": "add", "path": "a[", "value": 1]]), .invalidPath),
        ("remove without path", body([["op": "remove"]]), .noTarget),
        ("remove with null path", body([["op": "remove", "path": nil]]), .noTarget),
        ("add without value", body([["op": "add", "path": "a"]]), .invalidValue),
        ("replace without value", body([["op": "replace", "path": "a"]]), .invalidValue),
        ("path-less add with a string", body([["op": "add", "value": "x"]]), .invalidValue),
        ("path-less replace with an array", body([["op": "replace", "value": [["active": false]]]]), .invalidValue),
        ("second operation bad", body([["op": "add", "path": "a", "value": 1], ["op": "nope"]]), .invalidSyntax),
    ]

    @Test("rejects malformed bodies", arguments: invalid)
    func rejects(name: String, body: JSONValue, scimType: SCIMType?) {
        let error = #expect(throws: SCIMError.self) { try PatchRequest.parse(body) }
        #expect(error?.scimType == scimType, "\(name)")
        #expect(error?.status == 400)
    }

    @Test("more operations than the limit is 413")
    func operationLimit() throws {
        let operations = JSONValue.array(Array(repeating: ["op": "add", "path": "title", "value": "x"], count: 5))
        #expect(try PatchRequest.parse(Self.body(operations), limits: .init(maxOperations: 5)).operations.count == 5)
        let error = #expect(throws: SCIMError.self) {
            try PatchRequest.parse(Self.body(operations), limits: .init(maxOperations: 4))
        }
        #expect(error?.status == 413)
        #expect(PatchRequest.Limits.default.maxOperations == 1000)
    }

    @Test("keeps operations in order with their paths and values")
    func keepsOrder() throws {
        let request = try PatchRequest.parse(Self.body([
            ["op": "remove", "path": #"members[value eq "a"]"#],
            ["op": "add", "path": "members", "value": [["value": "b"]]],
            ["op": "replace", "value": ["displayName": "x"]],
        ]))
        #expect(request.operations.map(\.op) == [.remove, .add, .replace])
        #expect(request.operations[0].path == PatchPath(attribute: "members", filter: .compare("value", .eq, "a")))
        #expect(request.operations[0].value == nil)
        #expect(request.operations[2].path == nil)
        #expect(request.operations[2].value == ["displayName": "x"])
    }
}
