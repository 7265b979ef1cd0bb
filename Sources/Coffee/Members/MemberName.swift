/// How a member's names (given, family, display) are kept, whichever door they come
/// through (SCIM, CSV, manual add, invitation, sign-up, the portal's profile, Slack,
/// Teams, an HR system): one line people can read. A control character (NUL, ESC…), a
/// line break or a line or paragraph separator becomes a space; a bidirectional control
/// (U+202A–U+202E, U+2066–U+2069) is dropped, so a name cannot read in another order
/// than it is stored ("Trojan Source"); the result is trimmed.
///
/// Names are cleaned rather than refused: an identity provider or a directory that sends
/// a stray control character in a name should not fail a provisioning, and a name pasted
/// with a line break reads the same with a space. Before, such names were stored as sent:
/// `percolator members list` printed a name's escape sequences to the admin's terminal
/// and split its row, and U+202E reversed names in the console, the emails and the
/// exports. Tenant and program names, which admins type, are refused instead
/// (``DisplayNameCharacters``).
public enum MemberName {
    /// `name` cleaned as above; a name that needs nothing comes back as it is.
    public static func cleaned(_ name: String) -> String {
        guard DisplayNameCharacters.refuses(name) else { return name }
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if DisplayNameCharacters.isBidirectionalControl(scalar) { continue }
            out.append(DisplayNameCharacters.isRefused(scalar) ? " " : scalar)
        }
        return String(out).trimmingWhitespace()
    }

    /// `name` cleaned, `nil` kept.
    public static func cleaned(_ name: String?) -> String? {
        name.map(cleaned)
    }
}
