import Testing
@testable import SCIM

@Suite("AttributeValueReader — the values a mapping path reaches, trimmed")
struct AttributeValueReaderTests {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    @Test("strings are trimmed, blanks dropped, numbers and booleans as written", arguments: [
        (JSONValue.string("Engineer"), ["Engineer"]),
        (.string("  Engineer \n"), ["Engineer"]),
        (.string("Head of  Sales"), ["Head of  Sales"]),
        (.string(" \t "), []),
        (.string(""), []),
        (.integer(42), ["42"]),
        (.bool(true), ["true"]),
        (.null, []),
    ])
    func title(_ value: JSONValue, _ expected: [String]) throws {
        let reader = try AttributeValueReader(path: "title", resourceType: .user)
        #expect(reader.strings(in: JSONObject([.init(key: "title", value: value)])) == expected)
    }

    @Test("an extension attribute by its URN, and a filtered sub-attribute")
    func paths() throws {
        let resource = JSONObject([
            .init(key: Self.enterprise, value: .object(JSONObject([.init(key: "costCenter", value: " CC-42 ")]))),
            .init(key: "addresses", value: .array([
                .object(JSONObject([.init(key: "type", value: "home"), .init(key: "locality", value: "Lyon")])),
                .object(JSONObject([.init(key: "type", value: "work"), .init(key: "locality", value: "Paris ")])),
            ])),
        ])
        #expect(try AttributeValueReader(path: "\(Self.enterprise):costCenter", resourceType: .user).strings(in: resource) == ["CC-42"])
        #expect(try AttributeValueReader(path: #"addresses[type eq "work"].locality"#, resourceType: .user).strings(in: resource)
                == ["Paris"])
    }
}
