import HTTP

/// ETags of SCIM resources (RFC 7644 §3.14): weak, `W/"<version>"`, and the
/// `If-Match` / `If-None-Match` preconditions (RFC 9110 §13.1).
enum EntityTag {
    /// The version named by `If-Match`, `nil` when the header is absent or `*`.
    /// A header that names no version of ours can never match: it gives `-1`.
    static func expectedVersion(in request: HTTPRequest) -> Int64? {
        guard let header = request.headers["if-match"] else { return nil }
        let tags = list(header)
        if tags.contains("*") { return nil }
        return tags.compactMap(version(of:)).first ?? -1
    }

    /// True when `If-None-Match` names the version `version` (or `*`).
    static func noneMatch(_ request: HTTPRequest, version: Int64) -> Bool {
        guard let header = request.headers["if-none-match"] else { return false }
        let tags = list(header)
        return tags.contains("*") || tags.compactMap(version(of:)).contains(version)
    }

    /// The version in `W/"3"`, `"3"` or `3`.
    static func version(of tag: String) -> Int64? {
        var text = Substring(tag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        return Int64(text)
    }

    private static func list(_ header: String) -> [String] {
        header.split(separator: ",").map { String($0.trimmingCharacters(in: " \t")) }.filter { !$0.isEmpty }
    }
}
