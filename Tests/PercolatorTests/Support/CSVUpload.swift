import Foundation
import SCIM
import TestSupport

/// Uploads a CSV file to `POST /api/v1/imports` byte for byte (a Latin-1 fixture must
/// reach the server as it is), with an admin token, and parses the JSON answer.
enum CSVUpload {
    /// An answer: status, headers (names lower-cased) and the body as JSON.
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var json: JSONValue?

        /// `json[attribute:]`.
        subscript(attribute name: String) -> JSONValue? { json?[attribute: name] }
        /// The import report: the body of a 200, `report` of a 400.
        var report: JSONValue? { status == 200 ? json : json?[attribute: "report"] }
        /// The report's summary count `name`.
        func count(_ name: String) -> Int64? { report?[attribute: "summary"]?[attribute: name]?.integerValue }
        /// The report's rows.
        var rows: [JSONValue] { report?[attribute: "rows"]?.arrayValue ?? [] }
    }

    /// Posts `body` with `query` (without `?`).
    static func post(port: UInt16, token: String, query: String = "", body: [UInt8],
                     contentType: String = "text/csv") async throws -> Response {
        let client = try RawClient(port: port, timeoutSeconds: 120)
        let target = "/api/v1/imports" + (query.isEmpty ? "" : "?" + query)
        let head = "POST \(target) HTTP/1.1\r\nHost: admin.test\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
        try client.send(Array(head.utf8) + body)
        let response = try await client.readResponse()
        return Response(status: response.status, headers: response.headers,
                        json: response.body.isEmpty ? nil : try? JSONParser.parse(response.body))
    }

    /// Posts a fixture of `fixtures/csv/`.
    static func post(port: UInt16, token: String, query: String = "", fixture name: String) async throws -> Response {
        try await post(port: port, token: token, query: query, body: try fixture(name))
    }

    /// The bytes of a fixture of `fixtures/csv/`.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: RepositoryFixtures.root.appendingPathComponent("csv").appendingPathComponent(name)))
    }

    /// The `.csv` files of `fixtures/csv/`, sorted.
    static func fixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: RepositoryFixtures.root.appendingPathComponent("csv").path)
            .filter { $0.hasSuffix(".csv") }.sorted()
    }

    /// A file of `rows` generated members (`member<i>@example.com`).
    static func generated(rows: Int, familyPrefix: String = "Family") -> [UInt8] {
        var text = "First name,Last name,Email,Team\n"
        for index in 0..<rows { text += "Given\(index),\(familyPrefix)\(index),member\(index)@example.com,Team \(index % 20)\n" }
        return Array(text.utf8)
    }
}
