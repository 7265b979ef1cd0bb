/// What a SCIM request asked, as the provisioning log names it.
public enum ProvisioningOperation: String, Sendable, CaseIterable {
    /// POST /Users, POST /Groups.
    case create
    /// PUT on a resource.
    case replace
    /// PATCH on a resource.
    case patch
    /// DELETE on a resource.
    case delete
    /// GET of one resource.
    case get
    /// GET of a collection (with or without a filter).
    case list
    /// POST …/.search.
    case search
    /// POST /Bulk.
    case bulk
    /// Discovery (`/ServiceProviderConfig`, `/Schemas`, `/ResourceTypes`) and anything else.
    case discovery
}
