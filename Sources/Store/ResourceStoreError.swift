/// Why a `ResourceStore` refused a request, for the SCIM layer to map to an error
/// response (RFC 7644 §3.12). It never carries SQL; `StoreError` covers storage failures.
public enum ResourceStoreError: Error, Sendable, Equatable {
    /// No resource of that type with that id in the tenant (404).
    case notFound
    /// `If-Match` named another version; `current` is the stored one (412).
    case versionMismatch(current: Int64)
    /// Another resource of the tenant already has this value of `attribute`, compared
    /// ignoring case (`userName` of Users, `displayName` of Groups) (409 `uniqueness`).
    case uniqueness(attribute: String)
    /// A member `value` names no User or Group of the tenant (400 `invalidValue`);
    /// nothing was applied.
    case unknownMember(id: String)
    /// The resource cannot be stored as given, e.g. a User without a string `userName`
    /// or a member without a string `value` (400 `invalidValue`).
    case invalidResource(String)
    /// The filter needs evaluating in memory over more than `maxCandidates` resources
    /// (400 `tooMany`, RFC 7644 §3.4.2.2).
    case tooMany(limit: Int)
    /// `sortBy` names an attribute the Store cannot sort on (400 `invalidValue`).
    case unsupportedSort(attribute: String)
}
