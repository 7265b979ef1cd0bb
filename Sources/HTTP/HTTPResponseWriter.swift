/// Serialises a response head and body into bytes (RFC 9112 §4, §6).
enum HTTPResponseWriter {
    /// Writes `response` for a request whose method was `method`. A HEAD response and
    /// 1xx/204/304 responses carry no body (RFC 9110 §6.4.1).
    static func write(_ response: HTTPResponse, method: HTTPMethod, keepAlive: Bool,
                      date: String, requestID: String, into output: inout [UInt8]) {
        let status = response.status
        output.append(contentsOf: "HTTP/1.1 \(status) \(HTTPStatus.reasonPhrase(status))\r\n".utf8)
        for field in response.headers where !isServerOwned(field.canonicalName) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        let mayHaveBody = !(status == 204 || status == 304 || (100..<200).contains(status))
        if mayHaveBody {
            output.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        output.append(contentsOf: "Date: ".utf8)
        output.append(contentsOf: date.utf8)
        output.append(contentsOf: "\r\nX-Request-Id: ".utf8)
        output.append(contentsOf: requestID.utf8)
        output.append(contentsOf: keepAlive ? "\r\nConnection: keep-alive\r\n\r\n".utf8 : "\r\nConnection: close\r\n\r\n".utf8)
        if mayHaveBody, method != .head {
            output.append(contentsOf: response.body)
        }
    }

    private static func isServerOwned(_ canonicalName: String) -> Bool {
        switch canonicalName {
        case "content-length", "date", "connection", "x-request-id", "transfer-encoding": true
        default: false
        }
    }
}
