import HTTP

/// Error bodies for errors the HTTP layer raises itself (404, 405, 408, 413, 431…),
/// in the SCIM error shape (RFC 7644 §3.12) so SCIM clients can read every error.
enum ErrorResponses {
    static func scimError(status: Int, detail: String) -> HTTPResponse {
        let body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"\(status)\",\"detail\":\(JSONText.quote(detail))}"
        return HTTPResponse(status: status, contentType: "application/scim+json", body: Array(body.utf8))
    }
}
