/// One option of a console drop-down: the value sent and the label shown (untrusted).
public struct ConsoleChoice: Sendable, Hashable {
    /// The value sent, and the label shown.
    public var value, label: String

    /// Creates a choice.
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}
