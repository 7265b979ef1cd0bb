import HTTP
import SCIM

/// Builds SCIM responses: `application/scim+json` bodies (RFC 7644 §3.1), errors in the
/// shape of RFC 7644 §3.12, and the headers that go with them.
enum SCIMResponses {
    static let mediaType = "application/scim+json"

    /// A JSON body with status `status`.
    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
        var fields = HTTPFields([("Content-Type", mediaType)])
        for (name, value) in headers { fields.append(name: name, value: value) }
        return HTTPResponse(status: status, headers: fields, body: value.encoded())
    }

    /// The error message for `error`. A 401 carries `WWW-Authenticate: Bearer`
    /// (RFC 6750 §3), and never any detail about which token was tried; with
    /// `error="invalid_token"` only when credentials were presented (`credentialsPresented`):
    /// a request without any SHOULD NOT get an error code (§3.1).
    static func error(_ error: SCIMError, credentialsPresented: Bool = true) -> HTTPResponse {
        var response = json(error.status, error.messageBody)
        if error.status == 401 {
            response.headers.append(name: "WWW-Authenticate", value: credentialsPresented
                ? #"Bearer realm="percolator", error="invalid_token""# : #"Bearer realm="percolator""#)
        }
        if error.status == 503 {
            response.headers.append(name: "Retry-After", value: "1")
        }
        return response
    }

    /// 204 No Content.
    static func noContent() -> HTTPResponse { HTTPResponse(status: 204) }
}
