import Testing
@testable import SCIM

@Suite("Search requests — RFC 9865 cursors (§2, §2.4, §3)")
struct SearchRequestCursorTests {
    /// A GET query, its expected cursor (`nil`: index paging), or the error's scimType.
    static let queries: [(String, [(String, String)], String?, SCIMType?)] = [
        ("no cursor: index paging", [("count", "10")], nil, nil),
        ("?cursor with no value: the first page", [("cursor", ""), ("count", "10")], "", nil),
        ("a cursor as issued", [("cursor", "AQAB-_x.~9")], "AQAB-_x.~9", nil),
        ("the name ignores case", [("Cursor", "abc")], "abc", nil),
        ("startIndex=1 beside a cursor is the default, not a choice", [("cursor", "abc"), ("startIndex", "1")], "abc", nil),
        ("a reserved character (decoded '+')", [("cursor", "ab+c")], nil, .invalidCursor),
        ("a decoded '/'", [("cursor", "ab/c")], nil, .invalidCursor),
        ("a space", [("cursor", "ab c")], nil, .invalidCursor),
        ("non-ASCII", [("cursor", "abé")], nil, .invalidCursor),
        ("longer than maxCursorLength", [("cursor", String(repeating: "a", count: SearchRequest.maxCursorLength + 1))], nil, .invalidCursor),
        ("cursor and startIndex both choose a method", [("cursor", ""), ("startIndex", "11")], nil, .invalidValue),
        ("startIndex first, cursor after: the same", [("startIndex", "11"), ("cursor", "abc")], nil, .invalidValue),
    ]

    @Test("GET query parameters", arguments: queries)
    func queryParameters(name: String, parameters: [(String, String)], expected: String?, error: SCIMType?) {
        let parameters = parameters.map { (name: $0.0, value: $0.1) }
        let result = Result { () throws(SCIMError) in try SearchRequest(queryParameters: parameters) }
        switch result {
        case .success(let request):
            #expect(error == nil, "\(name)")
            #expect(request.cursor == expected, "\(name)")
        case .failure(let failure):
            #expect(failure.scimType == error && failure.status == 400, "\(name): \(failure.detail)")
        }
    }

    /// A `/.search` body's `cursor`, its expected value, or the error's scimType.
    static let bodies: [(String, JSONValue?, String?, SCIMType?)] = [
        ("absent", nil, nil, nil),
        ("null", .null, nil, nil),
        ("empty: the first page (RFC 9865 §3 example)", "", "", nil),
        ("a cursor", "AQAB", "AQAB", nil),
        ("a number", .integer(5), nil, .invalidCursor),
        ("an array", ["a"], nil, .invalidCursor),
        ("a reserved character", "a=b", nil, .invalidCursor),
    ]

    @Test("POST /.search bodies", arguments: bodies)
    func searchBodies(name: String, cursor: JSONValue?, expected: String?, error: SCIMType?) {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMSchemaURN.searchRequest)]
        body["count"] = 10
        if let cursor { body["cursor"] = cursor }
        let result = Result { () throws(SCIMError) in try SearchRequest(body: .object(body)) }
        switch result {
        case .success(let request):
            #expect(error == nil, "\(name)")
            #expect(request.cursor == expected && request.count == 10, "\(name)")
        case .failure(let failure):
            #expect(failure.scimType == error && failure.status == 400, "\(name): \(failure.detail)")
        }
    }
}
