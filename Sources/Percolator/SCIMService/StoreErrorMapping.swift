import Coffee
import SCIM
import Store

/// Maps storage errors to the SCIM errors a client sees (RFC 7644 §3.12), once, at
/// the edge. Nothing of the underlying error's text reaches the client.
enum StoreErrorMapping {
    static func scimError(for error: any Error, kind: ResourceKind, id: String? = nil) -> SCIMError {
        if let error = error as? SCIMError { return error }
        if let error = error as? ResourceStoreError {
            switch error {
            case .notFound:
                return .notFound("\(kind.rawValue) \(id.map { "'\($0)' " } ?? "")not found.")
            case .versionMismatch(let current):
                return .preconditionFailed("The \(kind.rawValue) has changed: its current version is W/\"\(current)\". Read it again and retry.")
            case .uniqueness(let attribute):
                return .uniqueness("Another \(kind.rawValue) of this organisation already has this \(attribute) (compared ignoring case).")
            case .unknownMember(let member):
                return .invalidValue("The member '\(member)' is not a User or Group of this organisation; nothing was changed.")
            case .invalidResource(let detail):
                return .invalidValue(detail)
            case .tooMany(let limit):
                return .tooMany("The filter (or the sort by an attribute without an index) covers more than \(limit) candidates that must be checked one by one; narrow it with an indexed attribute such as userName, externalId, displayName or emails.")
            case .unsupportedSort(let attribute):
                return .invalidValue("Sorting by '\(attribute)' is not supported; sort by a string attribute that responses return (a complex one by a sub-attribute, e.g. name.familyName), meta.created or meta.lastModified.")
            }
        }
        // The member domain's refusals of what a SCIM write asked. The SCIM validation
        // refuses these first; a rule of the domain it does not know still answers 400, not 500.
        switch error as? MemberError {
        case .missingField(let field)?:
            return .invalidValue("The attribute '\(field)' is required and must have a value (RFC 7643 §2.2).")
        case .invalidEmail(let text)?:
            return .invalidValue("\"\(text)\" is not a valid email address.")
        case .deprovisioned?, .purged?:
            return .notFound("\(kind.rawValue) \(id.map { "'\($0)' " } ?? "")not found.")
        default:
            break
        }
        if let storage = StorageErrorMapping.scimError(for: error, context: "\(kind.rawValue) storage") {
            return storage
        }
        ErrorLog.unexpected(error, context: "\(kind.rawValue) storage")
        return .internalError(requestID: ErrorLog.requestID)
    }
}
