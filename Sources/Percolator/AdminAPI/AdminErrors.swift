import Coffee
import SCIM
import Store

/// Maps what admin handlers throw to the error a client sees. Domain refusals become
/// 400/404/409 with their human description; storage conditions become 503 or 507
/// (``StorageErrorMapping``); other failures are logged and become a 500 quoting the
/// request id; nothing of SQL or a path reaches the client.
enum AdminErrors {
    static func scimError(for error: any Error) -> SCIMError {
        switch error {
        case let error as SCIMError:
            return error
        case let error as ServiceError:
            switch error {
            case .notFound(let detail): return .notFound(detail)
            case .conflict(let detail): return SCIMError(status: 409, detail: detail)
            case .duplicate(let detail): return .uniqueness(detail)
            case .forbidden(let detail): return .forbidden(detail)
            case .immutable(let detail): return .mutability(detail)
            case .invalid(let detail): return .invalidValue(detail)
            }
        case let error as MemberError:
            return memberError(error)
        case let error as ProgramError:
            if case .illegalTransition = error { return SCIMError(status: 409, detail: "Refused: \(error).") }
            if case .audienceBroken = error { return SCIMError(status: 409, detail: "Refused: \(error).") }
            return .invalidValue("The program is not valid: \(error).")
        case let error as SessionError:
            return SCIMError(status: 409, detail: "Refused: \(error).")
        case let error as SessionMatcher.Failure:
            switch error {
            case .sessionNotFound, .programNotFound: return .notFound(error.description)
            case .busy: return SCIMError(status: 503, detail: error.description)
            case .programArchived, .alreadyMatching: return SCIMError(status: 409, detail: error.description)
            }
        case let error as InvitationError:
            return invitationError(error)
        case let error as ResourceStoreError:
            return StoreErrorMapping.scimError(for: error, kind: .user)
        default:
            if let storage = StorageErrorMapping.scimError(for: error, context: "admin API") { return storage }
            ErrorLog.unexpected(error, context: "admin API")
            return .internalError(requestID: ErrorLog.requestID)
        }
    }

    /// A refused invitation or sign-up: a token that is no invitation's is 400; a spent,
    /// expired or closed one is 410 Gone; a domain outside the allowed ones is 403.
    static func invitationError(_ error: InvitationError) -> SCIMError {
        let detail = error.description.prefix(1).uppercased() + error.description.dropFirst() + "."
        switch error {
        case .invalidToken: return .invalidValue(detail)
        case .expired, .alreadyUsed, .linkDisabled, .memberNotPending: return SCIMError(status: 410, detail: detail)
        case .domainNotAllowed: return .forbidden(detail)
        case .invalidMember(let error): return memberError(error)
        }
    }

    static func memberError(_ error: MemberError) -> SCIMError {
        switch error {
        case .emailTaken:
            return .uniqueness(error.description)
        default:
            return .invalidValue(error.description)
        }
    }
}
