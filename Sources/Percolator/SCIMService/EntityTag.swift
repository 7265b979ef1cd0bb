import HTTP
import SCIM

/// ETags of SCIM resources (RFC 7644 §3.14): weak, `W/"<version>"`, and the
/// `If-Match` / `If-None-Match` preconditions (RFC 9110 §13.1).
enum EntityTag {
    /// The version a PUT, PATCH or DELETE must find (RFC 9110 §13.1): the one `If-Match`
    /// names; `nil` when the header is absent or `*`; `-1`, which never matches, when it
    /// names no version of ours. An `If-Match` list of several tags holds when any of them
    /// is the current version (then the write expects that one, so a change in between
    /// still fails it). An `If-None-Match` naming the current version, or `*` (the
    /// resource exists), is 412. `current` reads the resource's version, only for those
    /// two rare forms: a single tag needs no read.
    static func writeVersion(in request: HTTPRequest,
                             current: () async throws(SCIMError) -> Int64) async throws(SCIMError) -> Int64? {
        var known: Int64?
        func currentVersion() async throws(SCIMError) -> Int64 {
            if let known { return known }
            let read = try await current()
            known = read
            return read
        }
        if request.headers["if-none-match"] != nil, noneMatch(request, version: try await currentVersion()) {
            throw .preconditionFailed("If-None-Match names the current version of this resource (or '*', and it exists); nothing was changed.")
        }
        guard let header = request.headers["if-match"] else { return nil }
        let tags = list(header)
        if tags.contains("*") { return nil }
        let versions = tags.compactMap(version(of:))
        guard versions.count > 1 else { return versions.first ?? -1 }
        let now = try await currentVersion()
        return versions.contains(now) ? now : -1
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
