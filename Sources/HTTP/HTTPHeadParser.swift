/// Parses a complete request head (request line and field lines, each ending in CRLF,
/// without the final blank line) and applies the framing rules of RFC 9112.
struct HTTPHeadParser {
    let limits: HTTPRequestParser.Limits

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var lineStart = 0
        guard let requestLineEnd = lineEnd(in: bytes, from: 0) else { throw .badRequest("no request line") }
        let (method, target, version) = try parseRequestLine(UnsafeBufferPointer(rebasing: bytes[0..<requestLineEnd]))
        lineStart = requestLineEnd + 2

        var headers = HTTPFields()
        while lineStart < bytes.count {
            guard let end = lineEnd(in: bytes, from: lineStart) else { throw .badRequest("header line without CRLF") }
            if headers.count >= limits.maxHeaderCount { throw .headerFieldsTooLarge }
            headers.append(try parseField(UnsafeBufferPointer(rebasing: bytes[lineStart..<end])))
            lineStart = end + 2
        }
        return try frame(method: method, target: target, version: version, headers: headers)
    }

    /// Index of the CR of the next CRLF at or after `start`. A bare CR or LF is an error
    /// reported by the caller as a line without CRLF.
    private func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .cr {
                return index + 1 < bytes.count && bytes[index + 1] == .lf ? index : nil
            }
            if byte == .lf { return nil }
            index += 1
        }
        return nil
    }

    // MARK: - Request line (RFC 9112 §3)

    private func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        guard let firstSpace = line.firstIndex(of: .space), firstSpace > 0 else {
            throw .badRequest("request line has no method")
        }
        guard let lastSpace = line.lastIndex(of: .space), lastSpace > firstSpace + 1 else {
            throw .badRequest("request line has no target")
        }
        for index in 0..<firstSpace where !line[index].isTokenCharacter {
            throw .badRequest("invalid character in method")
        }
        for index in (firstSpace + 1)..<lastSpace {
            let byte = line[index]
            // RFC 9112 §3.2: the target has no whitespace or control characters.
            if byte <= 0x20 || byte >= 0x7F { throw .badRequest("invalid character in request target") }
        }
        let versionBytes = UnsafeBufferPointer(rebasing: line[(lastSpace + 1)...])
        let version: HTTPVersion
        if versionBytes.elementsEqual("HTTP/1.1".utf8) {
            version = .http1_1
        } else if versionBytes.elementsEqual("HTTP/1.0".utf8) {
            version = .http1_0
        } else if versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
                  versionBytes[5].isDigit, versionBytes[6] == 0x2E, versionBytes[7].isDigit {
            throw .unsupportedVersion
        } else {
            throw .badRequest("invalid HTTP version")
        }
        let method = HTTPMethod(String(decoding: UnsafeBufferPointer(rebasing: line[0..<firstSpace]), as: UTF8.self))
        var target = String(decoding: UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<lastSpace]), as: UTF8.self)
        target = try originForm(of: target, method: method)
        return (method, target, version)
    }

    /// RFC 9112 §3.2: origin-form as is; absolute-form reduced to its path and query;
    /// asterisk-form for OPTIONS only.
    private func originForm(of target: String, method: HTTPMethod) throws(HTTPParseError) -> String {
        if target.hasPrefix("/") { return target }
        if target == "*", method == .options { return target }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let pathAndQuery = String(rest[slash...])
            return pathAndQuery.hasPrefix("?") ? "/" + pathAndQuery : pathAndQuery
        }
        throw .badRequest("request target must start with '/'")
    }

    // MARK: - Field lines (RFC 9112 §5)

    private func parseField(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPFields.Field {
        guard let first = line.first else { throw .badRequest("empty header line") }
        // RFC 9112 §5.2: obs-fold is rejected.
        if first == .space || first == .tab { throw .badRequest("obsolete line folding in header") }
        guard let colon = line.firstIndex(of: .colon), colon > 0 else { throw .badRequest("header line has no name") }
        for index in 0..<colon where !line[index].isTokenCharacter {
            // RFC 9112 §5.1: no whitespace between the field name and the colon.
            throw .badRequest("invalid character in header name")
        }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == .space || line[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == .space || line[valueEnd - 1] == .tab { valueEnd -= 1 }
        for index in valueStart..<valueEnd {
            let byte = line[index]
            // RFC 9110 §5.5: field values are VCHAR, obs-text, SP and HTAB; NUL, CR, LF and other CTLs are invalid.
            if (byte < 0x20 && byte != .tab) || byte == 0x7F { throw .badRequest("invalid character in header value") }
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        return HTTPFields.Field(name: name, canonicalName: name.lowercased(), value: value)
    }

    // MARK: - Framing (RFC 9112 §6)

    private func frame(method: HTTPMethod, target: String, version: HTTPVersion,
                       headers: HTTPFields) throws(HTTPParseError) -> HTTPRequestHead {
        // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host is answered 400.
        let hosts = headers.count(canonicalName: "host")
        if version == .http1_1, hosts != 1 { throw .badRequest("HTTP/1.1 request needs exactly one Host header") }
        if version == .http1_0, hosts > 1 { throw .badRequest("more than one Host header") }
        // A field that takes one value, sent twice, is ambiguous: which one a component
        // honours (the first, the last, a proxy's pick) decides who the client is or
        // which version it writes over. Refuse rather than guess.
        for name in Self.singletonFields where headers.count(canonicalName: name) > 1 {
            throw .badRequest("more than one \(name) header")
        }

        // Counted first: most requests carry neither, or one, and build no arrays.
        let transferEncodings = headers.count(canonicalName: "transfer-encoding") == 0
            ? [] : headers.values(for: "transfer-encoding")
        let contentLengths = headers.count(canonicalName: "content-length") == 0
            ? [] : headers.values(for: "content-length")
        var isChunked = false
        var contentLength: Int?
        if !transferEncodings.isEmpty {
            // RFC 9112 §6.1: a request with both is a smuggling attempt; reject it.
            if !contentLengths.isEmpty { throw .badRequest("both Content-Length and Transfer-Encoding") }
            if version == .http1_0 { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }
                .map { $0.trimmingASCIISpaces().lowercased() }
            // RFC 9112 §6.3: the final coding of a request must be chunked, and chunked only once.
            guard codings.last == "chunked" else {
                if codings.contains(where: \.isEmpty) { throw .badRequest("empty transfer coding") }
                throw .unsupportedTransferCoding
            }
            if codings.count > 1 { throw .unsupportedTransferCoding }
            isChunked = true
        } else if !contentLengths.isEmpty {
            contentLength = try parseContentLength(contentLengths)
        }

        var expectsContinue = false
        if let expect = headers["expect"] {
            guard expect.lowercased() == "100-continue" else { throw .expectationFailed }
            expectsContinue = version == .http1_1
        }

        let keepAlive: Bool
        switch version {
        case .http1_1: keepAlive = !headers.containsToken("close", in: "connection")
        case .http1_0: keepAlive = headers.containsToken("keep-alive", in: "connection")
        }
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers,
                               contentLength: contentLength, isChunked: isChunked,
                               expectsContinue: expectsContinue, keepAlive: keepAlive)
    }

    /// Fields a request carries at most once: their handlers read one value, so a second
    /// line would be silently ignored (a list of entity tags goes on one `If-Match`
    /// line). `Content-Length` is absent: repeated identical values
    /// are allowed and conflicting ones refused below (RFC 9112 §6.3).
    static let singletonFields = [
        "authorization", "proxy-authorization", "content-type", "if-match", "if-none-match",
        "if-modified-since", "if-unmodified-since", "x-request-id",
    ]

    /// RFC 9112 §6.3: every Content-Length value (lines and list members) must be the
    /// same string of digits; anything else is unrecoverable framing.
    private func parseContentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var result: Int?
        for line in values {
            for item in line.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = item.trimmingASCIISpaces()
                guard !digits.isEmpty, digits.utf8.allSatisfy(\.isDigit) else {
                    throw .badRequest("Content-Length is not a number")
                }
                guard digits.utf8.count <= 18, let value = Int(digits) else {
                    throw .badRequest("Content-Length is too large")
                }
                if let result, result != value { throw .badRequest("conflicting Content-Length values") }
                result = value
            }
        }
        guard let result else { throw .badRequest("empty Content-Length") }
        return result
    }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }

    /// RFC 9110 §5.6.2 tchar.
    var isTokenCharacter: Bool {
        switch self {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }
}
