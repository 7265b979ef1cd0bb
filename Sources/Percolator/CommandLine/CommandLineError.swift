import Coffee
import SCIM

/// A command line that could not be understood; `message` says what to type instead.
public struct CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension CommandLineError {
    /// What a command prints for `error`: the sentence an admin would get from the admin
    /// API for a refusal (a ``SCIMError``'s `detail`, a domain error's description), never
    /// a Swift type's rendering such as `SCIMError(400, invalidValue: …)`.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as SCIMError: error.detail
        case let error as CommandLineError: error.message
        case let error as ServiceError: error.description
        case is MemberError, is ProgramError, is SessionError, is SessionMatcher.Failure, is InvitationError:
            AdminErrors.scimError(for: error).detail
        default: String(describing: error)
        }
    }
}
