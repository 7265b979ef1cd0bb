import HTTP
import SCIM
import Store

/// `POST /.search` at the service root (RFC 7644 §3.4.3): one query over Users and
/// Groups. Results are Users then Groups, each in their stable order, paged as one list.
/// A filter that names attributes of one resource type only (say `userName`) selects
/// from that type alone; a filter valid for neither is `invalidFilter`. A `cursor` in the
/// body pages by RFC 9865 cursor instead of `startIndex` (``runWithCursor(_:_:)``).
struct RootSearchEndpoint {
    let service: SCIMService
    let operations: ResourceOperations

    func register(on router: inout Router) {
        router.add(.post, "\(SCIMService.root)/.search") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let search = try SearchRequest(body: try RequestBody.json(of: context.request))
                return try await run(search, context)
            }
        }
    }

    private func run(_ search: SearchRequest, _ context: SCIMContext) async throws(SCIMError) -> HTTPResponse {
        // RFC 9865 §3: a `cursor` in the body asks for cursor paging.
        if search.cursor != nil { return try await runWithCursor(search, context) }
        let kinds = try await kinds(for: search, tenant: context.tenant)

        let wanted = min(max(0, search.count ?? service.settings.maxResults), service.settings.maxResults)
        var skip = max(1, search.startIndex) - 1
        var total = 0
        var resources: [JSONValue] = []
        // Set when the store returned fewer than asked because the page would be too large:
        // the list stops there (later types only count), so the next page, at startIndex +
        // itemsPerPage, goes on from the first resource left out.
        var cutShort = false
        for kind in kinds {
            let remaining = cutShort ? 0 : wanted - resources.count
            let page = try await operations.list(kind, search: search, includeMembers: includesMembers(kind, search), tenant: context.tenant,
                                                 countOverride: remaining, startOverride: skip + 1)
            total += page.total
            cutShort = cutShort || (page.resources.count < remaining && skip + page.resources.count < page.total)
            skip = max(0, skip - page.total)
            let rendering = ResourceRendering(context: context, projection: search.projection(for: try await operations.resourceType(for: kind, tenant: context.tenant)))
            resources += page.resources.map(rendering.render)
        }
        let response = ListResponse(totalResults: total, startIndex: max(1, search.startIndex), resources: resources)
        return SCIMResponses.json(200, response.representation)
    }

    /// The resource types `search`'s filter suits (all without a filter); `invalidFilter`
    /// when it suits none.
    func kinds(for search: SearchRequest, tenant: TenantID) async throws(SCIMError) -> [ResourceKind] {
        var kinds: [ResourceKind] = []
        var firstError: SCIMError?
        for kind in ResourceKind.allCases {
            if let text = search.filter {
                do {
                    try FilterValidator.validate(try FilterParser.parse(text),
                                                 against: try await operations.resourceType(for: kind, tenant: tenant))
                } catch {
                    firstError = firstError ?? error
                    continue
                }
            }
            kinds.append(kind)
        }
        if kinds.isEmpty, let firstError { throw firstError }
        return kinds
    }

    /// Whether `kind`'s resources carry their members or groups for `search`'s projection.
    func includesMembers(_ kind: ResourceKind, _ search: SearchRequest) -> Bool {
        ResourceRendering.includes(kind == .group ? "members" : "groups",
                                   attributes: search.attributes.joined(separator: ","),
                                   excludedAttributes: search.excludedAttributes.joined(separator: ","))
    }
}
