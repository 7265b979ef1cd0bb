import Testing
@testable import SCIM

@Suite("Immutable attributes and response filtering — RFC 7643 §2.2, §7")
struct ResourceValidatorMutabilityTests {
    static let schema = Schema(id: "urn:example:Badge", name: "Badge", description: "", attributes: [
        AttributeDefinition(name: "serial", mutability: .immutable),
        AttributeDefinition(name: "label"),
        AttributeDefinition(name: "issuer", type: .complex, subAttributes: [
            AttributeDefinition(name: "code", mutability: .immutable), AttributeDefinition(name: "name"),
        ]),
        AttributeDefinition(name: "secret", mutability: .writeOnly, returned: .never),
    ])
    static let validator = ResourceValidator(resourceType: ResourceType(
        name: "Badge", endpoint: "/Badges", description: "", schema: schema, extensions: []))
    static let existing: JSONValue = ["schemas": ["urn:example:Badge"], "id": "1", "serial": "S-1", "label": "old",
                                      "issuer": ["code": "C", "name": "Acme"]]

    @Test("an immutable value may not change on replace or patch", arguments: [
        (SCIMOperation.replace, ["serial": "S-2"] as JSONValue, "serial"),
        (.patch, ["serial": "s-1"], "serial"),
        (.replace, ["issuer": ["code": "D"]], "issuer.code"),
    ] as [(SCIMOperation, JSONValue, String)])
    func immutableChangeRejected(operation: SCIMOperation, change: JSONValue, path: String) {
        var body = Self.existing.objectValue ?? JSONObject()
        for member in change.objectValue?.members ?? [] { body[attribute: member.key] = member.value }
        let error = #expect(throws: SCIMError.self) {
            try Self.validator.validate(.object(body), for: operation, existing: Self.existing)
        }
        #expect(error?.scimType == .mutability)
        #expect(error?.detail.contains("'\(path)'") == true, "\(error?.detail ?? "")")
    }

    @Test("an unchanged or omitted immutable value is accepted and kept")
    func immutableKept() throws {
        let body: JSONValue = ["schemas": ["urn:example:Badge"], "label": "new", "issuer": ["name": "Acme Inc"]]
        let stored = try Self.validator.validate(body, for: .replace, existing: Self.existing)
        #expect(stored[attribute: "serial"] == "S-1")
        #expect(stored[attribute: "label"] == "new")
        #expect(stored[attribute: "issuer"] == ["name": "Acme Inc", "code": "C"])
    }

    @Test("a patched resource that lost an immutable value was asked to remove it: refused", arguments: [
        ("serial", "serial"), ("issuer", "issuer.code"),
    ])
    func immutableRemovalByPatchRejected(removed: String, path: String) {
        var body = Self.existing.objectValue ?? JSONObject()
        body.removeAttribute(removed)
        let error = #expect(throws: SCIMError.self) {
            try Self.validator.validate(.object(body), for: .patch, existing: Self.existing)
        }
        #expect(error?.scimType == .mutability)
        #expect(error?.detail.contains("'\(path)' is immutable and cannot be removed") == true, "\(error?.detail ?? "")")
    }

    @Test("an immutable value may be set on create and when it had none")
    func immutableFirstSet() throws {
        let body: JSONValue = ["schemas": ["urn:example:Badge"], "serial": "S-9"]
        #expect(try Self.validator.validate(body, for: .create)[attribute: "serial"] == "S-9")
        let before: JSONValue = ["schemas": ["urn:example:Badge"], "id": "1"]
        #expect(try Self.validator.validate(body, for: .replace, existing: before)[attribute: "serial"] == "S-9")
    }

    @Test("responses drop writeOnly and returned:never attributes at every level")
    func responseDropsNeverReturned() throws {
        let stored: JSONValue = ["schemas": ["urn:example:Badge"], "id": "1", "secret": "x", "label": "l"]
        #expect(try Self.validator.validate(stored, for: .response) == ["schemas": ["urn:example:Badge"], "id": "1", "label": "l"])
    }

    @Test("patch keeps server-set readOnly values such as id and meta")
    func patchKeepsReadOnly() throws {
        let users = ResourceValidator(resourceType: .user)
        let patched: JSONValue = ["schemas": [.string(SCIMSchemaURN.user)], "id": "1", "userName": "a",
                                  "meta": ["resourceType": "User"], "groups": [["value": "g"]]]
        #expect(try users.validate(patched, for: .patch) == patched)
        #expect(try users.validate(patched, for: .replace) == ["schemas": [.string(SCIMSchemaURN.user)], "userName": "a"])
    }
}
