import Testing
@testable import SCIM

@Suite("JSON objects — RFC 7643 §2.1 case-insensitive attribute names")
struct JSONObjectTests {
    @Test("attribute lookup ignores case but keeps the written key")
    func lookupIgnoresCase() {
        var object = JSONObject([.init(key: "userName", value: "bjensen")])
        #expect(object[attribute: "USERNAME"] == "bjensen")
        object[attribute: "username"] = "babs"
        #expect(object.keys == ["userName"])
        #expect(object["userName"] == "babs")
    }

    @Test("equality ignores member order")
    func equalityIgnoresOrder() {
        let a: JSONValue = ["a": 1, "b": "x"]
        let b: JSONValue = ["b": "x", "a": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != ["a": 1, "b": "y"])
    }
}
