/// Which URLs may appear in `href`, `action` and `src`: relative references (paths,
/// queries, fragments) and absolute `http:`, `https:` and `mailto:` URLs. Anything else
/// (`javascript:`, `data:`, `vbscript:`, a scheme hidden behind control characters)
/// becomes `about:blank`.
enum SafeURL {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    static func attributeValue(_ url: String) -> String {
        isSafe(url) ? url : "about:blank"
    }

    static func isSafe(_ url: String) -> Bool {
        // Browsers strip ASCII tab and newlines from URLs and ignore leading C0/space, so
        // "java\tscript:" is a scheme; refuse any control character outright.
        guard !url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        let trimmed = url.drop(while: { $0 == " " })
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let beforeColon = trimmed[..<colon]
        // A colon after '/', '?' or '#' belongs to a path, query or fragment.
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return allowedSchemes.contains(beforeColon.lowercased())
    }
}
