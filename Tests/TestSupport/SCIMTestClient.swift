import SCIM

/// Speaks SCIM over one keep-alive connection: JSON bodies in, parsed JSON out.
public final class SCIMTestClient: @unchecked Sendable {
    /// A response with its body parsed as JSON (or `nil` when empty).
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        public var json: JSONValue?
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// `json[attribute:]` for an object body.
        public subscript(attribute name: String) -> JSONValue? { json?[attribute: name] }
    }

    private let raw: RawClient
    public var token: String?

    public init(port: UInt16, token: String?) throws {
        raw = try RawClient(port: port)
        self.token = token
    }

    /// Sends one request and reads its response. `body` is serialised as JSON.
    public func send(_ method: String, _ path: String, body: JSONValue? = nil, rawBody: String? = nil,
                     headers: [(String, String)] = []) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: scim.test\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var bytes: [UInt8] = []
        if let body { bytes = body.encoded() } else if let rawBody { bytes = Array(rawBody.utf8) }
        if body != nil || rawBody != nil {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { head += "Content-Type: application/scim+json\r\n" }
            head += "Content-Length: \(bytes.count)\r\n"
        }
        try raw.send(Array((head + "\r\n").utf8) + bytes)
        let response = try await raw.readResponse(bodyless: method == "HEAD")
        let json = response.body.isEmpty ? nil : try? JSONParser.parse(response.body)
        return Response(status: response.status, headers: response.headers, body: response.body, json: json)
    }

    public func get(_ path: String, headers: [(String, String)] = []) async throws -> Response {
        try await send("GET", path, headers: headers)
    }

    public func post(_ path: String, _ body: JSONValue, headers: [(String, String)] = []) async throws -> Response {
        try await send("POST", path, body: body, headers: headers)
    }

    public func put(_ path: String, _ body: JSONValue, headers: [(String, String)] = []) async throws -> Response {
        try await send("PUT", path, body: body, headers: headers)
    }

    public func patch(_ path: String, _ body: JSONValue, headers: [(String, String)] = []) async throws -> Response {
        try await send("PATCH", path, body: body, headers: headers)
    }

    public func delete(_ path: String, headers: [(String, String)] = []) async throws -> Response {
        try await send("DELETE", path, headers: headers)
    }
}
