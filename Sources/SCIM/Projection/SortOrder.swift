/// The `sortOrder` parameter (RFC 7644 §3.4.2.3): `ascending` (the default when
/// `sortBy` is given) or `descending`.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    /// Smallest first; resources without a value come last.
    case ascending
    /// Largest first; resources without a value come first.
    case descending

    /// Reads the parameter, matching ignoring case; `nil` or empty gives `ascending`.
    ///
    /// - Throws: `invalidValue` for any other value.
    public init(parameter: String?) throws(SCIMError) {
        guard let parameter, !parameter.isEmpty else { self = .ascending; return }
        if parameter.equalsIgnoringCase("ascending") {
            self = .ascending
        } else if parameter.equalsIgnoringCase("descending") {
            self = .descending
        } else {
            throw .invalidValue("sortOrder must be 'ascending' or 'descending', not '\(parameter)' (RFC 7644 §3.4.2.3).")
        }
    }
}
