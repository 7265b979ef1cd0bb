/// Redirect targets limited to our own relative paths (../shared/design/web.md: no open
/// redirect).
///
/// A target passes when it starts with a single `/` followed by something other than `/`
/// or `\` (browsers read `//evil` and `/\evil` as another host), holds no scheme before
/// its path, and no control character, space or backslash anywhere (CR/LF would split
/// the header; browsers strip tabs and newlines, which could turn `/\t/evil` into
/// `//evil`). At most 2 048 bytes.
public enum SafeRedirect {
    /// `candidate` when it is safe, else nil.
    public static func path(_ candidate: String?) -> String? {
        guard let candidate, isSafe(candidate) else { return nil }
        return candidate
    }

    /// `candidate` when it is safe, else `fallback`.
    public static func target(_ candidate: String?, fallback: String = "/") -> String {
        path(candidate) ?? fallback
    }

    /// Whether `candidate` is one of our own relative paths.
    public static func isSafe(_ candidate: String) -> Bool {
        let scalars = Array(candidate.unicodeScalars)
        guard candidate.utf8.count <= 2048, scalars.first == "/" else { return false }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return false }
        return !scalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" || (0x80...0x9F).contains($0.value) })
    }
}
