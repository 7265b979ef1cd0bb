import Testing
@testable import SCIM

@Suite("bulkId references — RFC 7644 §3.7.1, §3.7.2")
struct BulkReferencesTests {
    @Test("finds references anywhere in a value, each once")
    func findsReferences() {
        let value: JSONValue = ["members": [["value": "bulkId:a"], ["value": "bulkId:b"], ["value": "bulkId:a"]],
                                "note": "not bulkId:c", "manager": ["value": "bulkId:d"]]
        #expect(BulkReferences.references(in: value) == ["a", "b", "d"])
    }

    @Test("replaces resolved references and reports the others")
    func resolves() {
        let value: JSONValue = ["members": [["value": "bulkId:a"], ["value": "bulkId:b"], ["value": "bulkId:b"]]]
        let (resolved, unresolved) = BulkReferences.resolving(value, with: ["a": "92b725cd"])
        #expect(resolved == ["members": [["value": "92b725cd"], ["value": "bulkId:b"], ["value": "bulkId:b"]]])
        #expect(unresolved == ["b"])
    }

    @Test("orders operations after the ones they reference (RFC fixtures)", arguments: [
        ("rfc7644/3.7.2-bulk-user-then-group.json", [0, 1], Set<Int>()),
        ("rfc7644/3.7.2-bulk-circular-groups.json", [0, 1], Set([0, 1])),
        ("rfc7644/3.7.1-bulk-request.json", [0, 1, 2, 3], Set<Int>()),
    ])
    func plansFixtures(fixture: String, order: [Int], circular: Set<Int>) throws {
        let request = try BulkRequest(body: Fixtures.json(fixture), maxOperations: 10)
        let plan = BulkReferences.plan(request.operations)
        #expect(plan.order == order)
        #expect(plan.circular == circular)
        #expect(plan.undefined.isEmpty)
    }

    @Test("a group listed before the user it references runs after it; undefined ids are reported")
    func reordersForward() {
        let group = BulkOperation(method: .post, bulkId: "g", path: "/Groups",
                                  data: ["members": [["value": "bulkId:u"], ["value": "bulkId:missing"]]])
        let user = BulkOperation(method: .post, bulkId: "u", path: "/Users", data: ["userName": "a"])
        let plan = BulkReferences.plan([group, user])
        #expect(plan.order == [1, 0])
        #expect(plan.circular.isEmpty)
        #expect(plan.undefined == ["missing"])
    }

    @Test("a path's bulkId reference is found and resolved", arguments: [
        ("/Users/bulkId:u1", "u1", ["u1": "92b7"], "/Users/92b7", nil),
        ("Groups/bulkId:g", "g", ["g": "ab"], "/Groups/ab", nil),
        ("/Users/bulkId:u1", "u1", [:], "/Users/bulkId:u1", "u1"),
        ("/Users/92b7", nil, ["u1": "x"], "/Users/92b7", nil),
        ("/Users", nil, [:], "/Users", nil),
        ("/Users/a/bulkId:u1", nil, ["u1": "x"], "/Users/a/bulkId:u1", nil),
    ] as [(String, String?, [String: String], String, String?)])
    func pathReferences(path: String, reference: String?, resolved: [String: String],
                        expected: String, unresolved: String?) {
        #expect(BulkReferences.reference(inPath: path) == reference)
        let result = BulkReferences.resolving(path: path, with: resolved)
        #expect(result.path == expected)
        #expect(result.unresolved == unresolved)
    }

    @Test("an operation whose path names a later POST's bulkId runs after it")
    func ordersByPath() {
        let patch = BulkOperation(method: .patch, bulkId: nil, path: "/Users/bulkId:u", data: ["Operations": []])
        let delete = BulkOperation(method: .delete, bulkId: nil, path: "/Users/bulkId:nobody", data: nil)
        let user = BulkOperation(method: .post, bulkId: "u", path: "/Users", data: ["userName": "a"])
        let plan = BulkReferences.plan([patch, delete, user])
        #expect(plan.order == [1, 2, 0])
        #expect(plan.undefined == ["nobody"])
    }
}
