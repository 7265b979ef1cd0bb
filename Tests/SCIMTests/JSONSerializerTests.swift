import Testing
@testable import SCIM

@Suite("JSON serialisation — RFC 8259 §6, §7")
struct JSONSerializerTests {
    @Test("values serialise compactly with keys in stored order", arguments: [
        (JSONValue.null, "null"),
        (.bool(true), "true"),
        (.integer(-42), "-42"),
        (.integer(Int64.min), "-9223372036854775808"),
        (.decimal(1.0), "1.0"),
        (.decimal(0.1), "0.1"),
        (.decimal(-0.0), "-0.0"),
        (.decimal(1e-5), "1e-05"),
        (.decimal(1e100), "1e+100"),
        (.decimal(.infinity), "null"),
        (.decimal(.nan), "null"),
        (.array([]), "[]"),
        (.object(JSONObject()), "{}"),
        (["z": 1, "a": [true, nil], "m": ["x": "y"]], #"{"z":1,"a":[true,null],"m":{"x":"y"}}"#),
    ] as [(JSONValue, String)])
    func serialisesCompactly(value: JSONValue, expected: String) {
        #expect(value.encodedString() == expected)
        #expect(value.encoded() == Array(expected.utf8))
    }

    @Test("strings escape quotes, backslashes and control characters only", arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1F}", #""\u0000\u001f""#),
        ("/ é 😀 \u{2028}", "\"/ é 😀 \u{2028}\""),
    ])
    func escapesStrings(string: String, expected: String) {
        #expect(JSONValue.string(string).encodedString() == expected)
    }

    @Test("pretty printing indents by two spaces and keeps key order")
    func prettyPrints() {
        let value: JSONValue = ["b": [1, ["c": "d"]], "a": [], "e": .object(JSONObject())]
        let expected = """
        {
          "b": [
            1,
            {
              "c": "d"
            }
          ],
          "a": [],
          "e": {}
        }

        """
        #expect(value.encodedString(layout: .prettyPrinted) == expected)
    }

    @Test("text round-trips byte for byte through parse and serialise", arguments: [
        #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","name":{"familyName":"Jensen","givenName":"Barbara"},"active":true,"score":1.5,"count":3}"#,
        #"[0,-1,1.0,0.5,1e-07,1.7976931348623157e+308,5e-324,9223372036854775807]"#,
        #"{"s":"\"quoted\" \\ \n\u0001 é😀"}"#,
        #"{"Z":null,"a":[[],{}],"m":false}"#,
    ])
    func roundTrips(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.encodedString() == text)
        #expect(try JSONParser.parse(value.encoded()) == value)
        #expect(try JSONParser.parse(value.encodedString(layout: .prettyPrinted)) == value)
    }

    @Test("decimals read back to exactly the same Double", arguments: [
        0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e21, 1e-300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -2.5,
    ])
    func decimalsRoundTripExactly(double: Double) throws {
        let text = JSONValue.decimal(double).encodedString()
        #expect(try JSONParser.parse(text) == .decimal(double))
    }
}
