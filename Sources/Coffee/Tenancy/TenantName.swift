/// The rule for a tenant's name, which admins read in the console and the command line
/// and members in emails: trimmed, 1 to ``maximumLength`` characters, without the
/// characters ``DisplayNameCharacters`` refuses (line breaks, controls, bidirectional
/// controls).
public enum TenantName {
    /// The most characters a name may have.
    public static let maximumLength = 100

    /// Why a name is refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing is left once trimmed.
        case empty
        /// Longer than ``TenantName/maximumLength`` characters once trimmed.
        case tooLong(Int)
        /// A control character, a line or paragraph separator, or a bidirectional control.
        case controlCharacter

        public var description: String {
            switch self {
            case .empty: "A tenant's name cannot be empty."
            case .tooLong(let count):
                "A tenant's name has at most \(TenantName.maximumLength) characters, not \(count)."
            case .controlCharacter: "A tenant's name is one line, without control or text-direction characters."
            }
        }
    }

    /// `raw` trimmed of surrounding whitespace, or why it cannot be a tenant's name.
    public static func validated(_ raw: String) throws(Refusal) -> String {
        let name = raw.trimmingWhitespace()
        guard !name.isEmpty else { throw .empty }
        if DisplayNameCharacters.refuses(name) { throw .controlCharacter }
        guard name.count <= maximumLength else { throw .tooLong(name.count) }
        return name
    }
}
