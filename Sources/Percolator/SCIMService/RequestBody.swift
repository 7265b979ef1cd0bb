import HTTP
import SCIM

/// Reads a SCIM request body: `application/scim+json` or `application/json` (RFC 7644
/// §3.1; IdPs send both, some with a charset), or no content type at all.
enum RequestBody {
    static func json(of request: HTTPRequest) throws(SCIMError) -> JSONValue {
        if let contentType = request.headers["content-type"] {
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: " \t").lowercased() } ?? ""
            guard mediaType == "application/scim+json" || mediaType == "application/json" else {
                throw SCIMError(status: 415, scimType: .invalidSyntax,
                                detail: "The body must be sent as application/scim+json (or application/json), not '\(mediaType.prefix(60))'.")
            }
        }
        guard !request.body.isEmpty else {
            throw .invalidSyntax("The request needs a JSON body.")
        }
        return try JSONParser.parse(request.body)
    }

    /// The body as a JSON object (the admin API's bodies); anything else is `invalidSyntax`.
    static func jsonObject(of request: HTTPRequest) throws(SCIMError) -> JSONObject {
        guard let object = try json(of: request).objectValue else {
            throw .invalidSyntax("The request body must be a JSON object.")
        }
        return object
    }
}
