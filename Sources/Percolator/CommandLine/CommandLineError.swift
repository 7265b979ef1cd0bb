/// A command line that could not be understood; `message` says what to type instead.
public struct CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
