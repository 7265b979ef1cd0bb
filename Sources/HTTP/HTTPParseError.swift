/// Why a request could not be framed (RFC 9112). Each case maps to the status the
/// server answers with before it closes the connection.
public enum HTTPParseError: Error, Sendable, Equatable {
    /// Malformed request line, header field or chunk framing (400).
    case badRequest(String)
    /// The request head passed `maxHeaderBytes` or `maxHeaderCount` (431).
    case headerFieldsTooLarge
    /// The declared or received body passed the body limit (413).
    case payloadTooLarge
    /// A transfer coding other than `chunked` (501).
    case unsupportedTransferCoding
    /// A protocol version other than HTTP/1.0 or HTTP/1.1 (505).
    case unsupportedVersion
    /// An `Expect` value other than `100-continue` (417).
    case expectationFailed

    /// The status code answered for this error.
    public var status: Int {
        switch self {
        case .badRequest: 400
        case .headerFieldsTooLarge: 431
        case .payloadTooLarge: 413
        case .unsupportedTransferCoding: 501
        case .unsupportedVersion: 505
        case .expectationFailed: 417
        }
    }

    /// A sentence for the client.
    public var reason: String {
        switch self {
        case .badRequest(let why): "Malformed HTTP request: \(why)."
        case .headerFieldsTooLarge: "The request head is larger than this server accepts."
        case .payloadTooLarge: "The request body is larger than this server accepts for this endpoint."
        case .unsupportedTransferCoding: "Only the 'chunked' transfer coding is supported."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .expectationFailed: "Only 'Expect: 100-continue' is supported."
        }
    }
}
