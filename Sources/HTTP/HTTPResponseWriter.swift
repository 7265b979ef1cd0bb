/// Serialises a response head and body into bytes (RFC 9112 §4, §6).
enum HTTPResponseWriter {
    /// Writes `response` for a request whose method was `method`. A HEAD response and
    /// 1xx/204/304 responses carry no body (RFC 9110 §6.4.1).
    static func write(_ response: HTTPResponse, method: HTTPMethod, keepAlive: Bool,
                      date: String, requestID: String, into output: inout [UInt8]) {
        let status = response.status
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &output)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: HTTPStatus.reasonPhrase(status).utf8)
        output.append(contentsOf: "\r\n".utf8)
        for field in response.headers where !isServerOwned(field.canonicalName) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        let mayHaveBody = !(status == 204 || status == 304 || (100..<200).contains(status))
        if mayHaveBody {
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &output)
            output.append(contentsOf: "\r\n".utf8)
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

    /// Appends `value` in decimal: the status line and `Content-Length` without a `String`
    /// built for each response.
    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        guard value >= 0 else {
            output.append(contentsOf: String(value).utf8)
            return
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func isServerOwned(_ canonicalName: String) -> Bool {
        switch canonicalName {
        case "content-length", "date", "connection", "x-request-id", "transfer-encoding": true
        default: false
        }
    }
}
