import Testing
@testable import SCIM

@Suite("JSON parsing — RFC 8259, RFC 7643 §2.1 and §2.3")
struct JSONParserTests {
    @Test("parses every kind of value, keeping key order", arguments: [
        (#"null"#, JSONValue.null),
        (#"true"#, .bool(true)),
        (#" false "#, .bool(false)),
        (#""text""#, .string("text")),
        (#"[]"#, .array([])),
        (#"{}"#, .object(JSONObject())),
        (#"[1, "a", null, true, 2.5]"#, [1, "a", nil, true, 2.5]),
        ("{\n\t\"a\" : [ {\"b\":{}} ]\r\n}", ["a": [["b": .object(JSONObject())]]]),
    ] as [(String, JSONValue)])
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test("object members keep the order they were written in")
    func keepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":{"y":1,"b":2}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value[attribute: "m"]?.objectValue?.keys == ["y", "b"])
    }

    @Test("numbers are integers only without fraction or exponent and within Int64", arguments: [
        ("0", JSONValue.integer(0)),
        ("-0", .integer(0)),
        ("42", .integer(42)),
        ("-17", .integer(-17)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("9223372036854775808", .decimal(9223372036854775808.0)),
        ("-9223372036854775809", .decimal(-9223372036854775809.0)),
        ("123456789012345678901234567890", .decimal(1.2345678901234568e29)),
        ("1.0", .decimal(1.0)),
        ("-0.0", .decimal(-0.0)),
        ("1e2", .decimal(100)),
        ("1E+2", .decimal(100)),
        ("25e-1", .decimal(2.5)),
        ("0.1", .decimal(0.1)),
        ("1e-400", .decimal(0)),
        ("3.141592653589793", .decimal(3.141592653589793)),
    ])
    func classifiesNumbers(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test("malformed text is invalidSyntax with the byte offset", arguments: [
        ("", 0), ("   ", 3), ("{", 1), ("[1,]", 3), ("[1 2]", 3), (#"{"a":1,}"#, 7),
        (#"{"a" 1}"#, 5), (#"{a:1}"#, 1), ("01", 1), ("-", 1), ("1.", 2), ("1e", 2), ("1e+", 3),
        (".5", 0), ("+1", 0), ("tru", 0), ("nul", 0), ("True", 0), ("NaN", 0), ("Infinity", 0),
        (#"{"a":1} x"#, 8), ("[] []", 3), (#""abc"#, 4), ("'a'", 0), ("1e400", 0), ("-1e400", 0),
        ("[1,,2]", 3), (#"{"a":1 "b":2}"#, 7), ("\u{0}", 0),
    ])
    func rejectsMalformedText(text: String, offset: Int) {
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(text) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.status == 400)
        #expect(error?.detail.contains("at byte \(offset):") == true, "\(error?.detail ?? "")")
    }

    @Test("escapes decode, including surrogate pairs", arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00""#, "😀"),
        (#""a\u0000b""#, "a\u{0}b"),
        (#""x\uD834\uDD1Ey""#, "x𝄞y"),
        (#""héllo wörld 日本""#, "héllo wörld 日本"),
    ])
    func decodesEscapes(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test("invalid escapes and unpaired surrogates are rejected", arguments: [
        #""\x""#, #""\u12""#, #""\u12G4""#, #""\ud83d""#, #""\ud83d\u0041""#, #""\ude00""#,
        #""\ud83dx""#, "\"a\nb\"", "\"tab\there\"",
    ])
    func rejectsBadEscapes(text: String) {
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(text) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test("invalid UTF-8 is rejected (RFC 3629 §4)", arguments: [
        [0x22, 0xFF, 0x22],                 // never valid
        [0x22, 0xC0, 0xAF, 0x22],           // overlong '/'
        [0x22, 0xE0, 0x80, 0xAF, 0x22],     // overlong
        [0x22, 0xED, 0xA0, 0x80, 0x22],     // encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
        [0x22, 0xC3, 0x22],                 // truncated
        [0x22, 0x80, 0x22],                 // lone continuation
        [0x22, 0xE2, 0x82],                 // truncated at end of input
    ] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(bytes) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test("valid multi-byte UTF-8 is accepted from bytes")
    func acceptsValidUTF8() throws {
        let bytes: [UInt8] = [0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x22]
        #expect(try JSONParser.parse(bytes) == .string("é€😀"))
        #expect(try JSONParser.parse(bytes[...]) == .string("é€😀"))
        let padded = [0x20, 0x20] + bytes
        #expect(try JSONParser.parse(padded[2...]) == .string("é€😀"))
    }

    @Test("a leading byte order mark is ignored (RFC 8259 §8.1)")
    func ignoresByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF, 0x31]) == .integer(1))
    }

    @Test("a non-contiguous collection parses like an array")
    func parsesNonContiguousCollections() throws {
        let bytes = Array(#"{"a":[1,2]}"#.utf8)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == ["a": [1, 2]])
    }

    @Test("nesting up to the limit parses; one more level is rejected", arguments: [1, 2, 10, 64])
    func enforcesDepthLimit(limit: Int) throws {
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try JSONParser.parse(ok, maximumDepth: limit)
        let deep = "[" + ok + "]"
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(deep, maximumDepth: limit) }
        #expect(error?.detail.contains("nested more than \(limit) deep") == true)
    }

    @Test("the default depth limit stops hostile nesting without exhausting the stack")
    func defaultDepthLimitStopsHostileInput() {
        #expect(JSONParser.defaultMaximumDepth == 64)
        let hostile = String(repeating: #"{"a":"#, count: 100_000)
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(hostile) }
        #expect(error?.detail.contains("at byte \(64 * 5):") == true, "\(error?.detail ?? "")")
    }

    @Test("a key repeated exactly or under another case is invalidSyntax naming it", arguments: [
        (#"{"userName":"a","userName":"b"}"#, "userName", "top-level object"),
        (#"{"userName":"a","USERNAME":"b"}"#, "USERNAME", "top-level object"),
        (#"{"name":{"givenName":"a","GivenName":"b"}}"#, "GivenName", #"object "name""#),
        (#"{"emails":[{"value":"a","Value":"b"}]}"#, "Value", #"object "emails""#),
    ])
    func rejectsDuplicateKeys(text: String, key: String, location: String) {
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(text) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains("\"\(key)\" appears twice") == true, "\(error?.detail ?? "")")
        #expect(error?.detail.contains(location) == true, "\(error?.detail ?? "")")
    }

    @Test("duplicate keys are found in large objects too")
    func rejectsDuplicatesInLargeObjects() {
        let members = (0 ..< 100).map { #""k\#($0)":\#($0)"# } + [#""K57":0"#]
        let text = "{" + members.joined(separator: ",") + "}"
        let error = #expect(throws: SCIMError.self) { try JSONParser.parse(text) }
        #expect(error?.detail.contains(#""K57" appears twice (as "k57" and "K57""#) == true, "\(error?.detail ?? "")")
    }

    @Test("distinct keys in a large object all parse")
    func parsesLargeObjects() throws {
        let members = (0 ..< 100).map { #""k\#($0)":\#($0)"# }
        let value = try JSONParser.parse("{" + members.joined(separator: ",") + "}")
        #expect(value.objectValue?.count == 100)
        #expect(value[attribute: "K99"] == 99)
    }

    @Test("the RFC 8259 §13 examples parse with their numbers, order and nesting")
    func rfc8259Examples() throws {
        let image = try JSONParser.parse("""
        {
          "Image": {
              "Width":  800,
              "Height": 600,
              "Title":  "View from 15th Floor",
              "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
              },
              "Animated" : false,
              "IDs": [116, 943, 234, 38793]
            }
        }
        """)
        #expect(image[attribute: "Image"]?.objectValue?.keys == ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"])
        #expect(image[attribute: "Image"]?[attribute: "Thumbnail"]?[attribute: "Url"] == "http://www.example.com/image/481989943")
        #expect(image[attribute: "Image"]?[attribute: "IDs"] == [116, 943, 234, 38793])
        let places = try JSONParser.parse("""
        [
          {
             "precision": "zip",
             "Latitude":  37.7668,
             "Longitude": -122.3959,
             "Address":   "",
             "City":      "SAN FRANCISCO",
             "State":     "CA",
             "Zip":       "94107",
             "Country":   "US"
          },
          {
             "precision": "zip",
             "Latitude":  37.371991,
             "Longitude": -122.026020,
             "Address":   "",
             "City":      "SUNNYVALE",
             "State":     "CA",
             "Zip":       "94085",
             "Country":   "US"
          }
        ]
        """)
        #expect(places.arrayValue?.count == 2)
        #expect(places.arrayValue?.last?[attribute: "Longitude"] == .decimal(-122.02602))
        #expect(places.arrayValue?.first?[attribute: "Latitude"] == .decimal(37.7668))
        #expect(try JSONParser.parse(#""Hello world!""#) == "Hello world!")
        #expect(try JSONParser.parse("42") == 42)
        #expect(try JSONParser.parse("true") == true)
    }
}
