import HTTP
import SCIM
import Store

/// `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4, RFC 7643
/// §5–§7). Filtering them is refused with 403, as RFC 7644 §4 asks. A tenant's
/// declared extensions (issue 15) are listed among its schemas and in its User type's
/// `schemaExtensions`; no other tenant sees them.
struct DiscoveryEndpoints {
    let service: SCIMService

    func register(on router: inout Router) {
        let root = SCIMService.root
        router.add(.get, "\(root)/ServiceProviderConfig") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                try refuseFilter(context.request)
                return SCIMResponses.json(200, service.serviceProviderConfig.representation(baseURL: context.baseURL))
            }
        }
        router.add(.get, "\(root)/ResourceTypes") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                try refuseFilter(context.request)
                let resources = try await resourceTypes(context).map { $0.representation(baseURL: context.baseURL) }
                return SCIMResponses.json(200, ListResponse(totalResults: resources.count, resources: resources).representation)
            }
        }
        router.add(.get, "\(root)/ResourceTypes/{name}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let name = context.request.pathParameters["name"] ?? ""
                guard let type = try await resourceTypes(context).first(where: { $0.name.equalsIgnoringCase(name) }) else {
                    throw .notFound("There is no resource type '\(name)'; this service has User and Group.")
                }
                return SCIMResponses.json(200, type.representation(baseURL: context.baseURL))
            }
        }
        router.add(.get, "\(root)/Schemas") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                try refuseFilter(context.request)
                let schemas = try await servedSchemas(context).map { $0.representation(baseURL: context.baseURL) }
                return SCIMResponses.json(200, ListResponse(totalResults: schemas.count, resources: schemas).representation)
            }
        }
        router.add(.get, "\(root)/Schemas/{id}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let id = context.request.pathParameters["id"] ?? ""
                guard let schema = try await servedSchemas(context).first(where: { $0.id.equalsIgnoringCase(id) }) else {
                    throw .notFound("There is no schema '\(id)'; GET /Schemas lists them.")
                }
                return SCIMResponses.json(200, schema.representation(baseURL: context.baseURL))
            }
        }
    }

    /// The tenant's resource types: the User type with its declared extensions.
    private func resourceTypes(_ context: SCIMContext) async throws(SCIMError) -> [ResourceType] {
        var types: [ResourceType] = []
        for kind in ResourceKind.allCases {
            types.append(try await service.operations.resourceType(for: kind, tenant: context.tenant))
        }
        return types
    }

    /// The schemas served to the tenant: the built-in ones, then its declared extensions.
    private func servedSchemas(_ context: SCIMContext) async throws(SCIMError) -> [Schema] {
        let user = try await service.operations.resourceType(for: .user, tenant: context.tenant)
        return ResourceType.servedSchemas + user.extensions.map(\.schema).filter { !ResourceType.servedSchemas.contains($0) }
    }

    /// RFC 7644 §4: "If a 'filter' is provided, the service provider SHOULD respond with
    /// HTTP status code 403 (Forbidden) to ensure that clients cannot incorrectly assume
    /// that any matching conditions specified in a filter are true."
    private func refuseFilter(_ request: HTTPRequest) throws(SCIMError) {
        if request.query("filter") != nil {
            throw .forbidden("Discovery endpoints cannot be filtered (RFC 7644 §4).")
        }
    }
}
