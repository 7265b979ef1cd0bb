/// A refusal by an application service that is neither a domain error (`MemberError`,
/// `ProgramError`, …) nor a storage failure: what the request named does not exist in
/// the tenant, conflicts with what is stored, or is not acceptable. Every door (the admin
/// API, the portal, the console, the command line) shows its sentence as it is.
enum ServiceError: Error, Equatable, CustomStringConvertible {
    /// Nothing of that id in the tenant (another tenant's ids included).
    case notFound(String)
    /// The request contradicts what is stored (an archived program, a duplicate round).
    case conflict(String)
    /// What the request would create exists already (a second session at one time).
    case duplicate(String)
    /// The request would change what the caller may not change (a category the
    /// identity provider fills made member-editable).
    case immutable(String)
    /// The request is understood and refused (a sign-up from a domain not allowed).
    case forbidden(String)
    /// The request is not acceptable as it stands.
    case invalid(String)

    var description: String {
        switch self {
        case .notFound(let detail), .conflict(let detail), .duplicate(let detail), .immutable(let detail), .forbidden(let detail),
             .invalid(let detail): detail
        }
    }
}
