/// A one-line message at the top of a page: "your changes are saved", or a problem.
public struct Notice: Sendable, Hashable {
    /// Success (green, `role=status`) or error (red, `role=alert`).
    public enum Kind: Sendable, Hashable { case success, error }

    /// The kind.
    public var kind: Kind
    /// The message, from the tables.
    public var message: MessageKey

    /// Creates a notice.
    public init(_ kind: Kind, _ message: MessageKey) {
        self.kind = kind
        self.message = message
    }

    /// "Your changes are saved."
    public static let saved = Notice(.success, .noticeSaved)
}
