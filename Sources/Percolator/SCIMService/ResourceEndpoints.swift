import HTTP
import SCIM
import Store

/// `/Users` and `/Groups` (RFC 7644 §3.3–§3.6): create, read, list, replace, patch,
/// delete, with ETags (RFC 7644 §3.14) and `attributes` / `excludedAttributes` on
/// every response that carries a resource (§3.9). Lists page by `startIndex`, or by RFC 9865
/// cursor when the request names a `cursor`.
struct ResourceEndpoints {
    let service: SCIMService
    let operations: ResourceOperations
    let kind: ResourceKind

    var collection: String { "\(SCIMService.root)/\(kind == .user ? "Users" : "Groups")" }

    func register(on router: inout Router) {
        router.add(.post, collection) { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let body = try RequestBody.json(of: context.request)
                let stored = try await operations.create(kind, body: body, tenant: context.tenant)
                return try await respond(201, stored, context, extraHeaders: [("Location", context.location(of: kind.rawValue, id: stored.id))],
                                         written: { _ in .all })
            }
        }
        router.add(.get, collection) { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let search = try SearchRequest(queryParameters: context.request.queryItems)
                return try await list(search, context)
            }
        }
        router.add(.post, "\(collection)/.search") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let search = try SearchRequest(body: try RequestBody.json(of: context.request))
                return try await list(search, context)
            }
        }
        router.add(.get, "\(collection)/{id}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let id = context.request.pathParameters["id"] ?? ""
                let stored = try await operations.get(kind, id: id, tenant: context.tenant, includeMembers: wantsMembers(context))
                // RFC 7644 §3.14 / RFC 9110 §13.1.2: nothing changed since the client's copy.
                if EntityTag.noneMatch(context.request, version: stored.version) {
                    return HTTPResponse(status: 304, headers: HTTPFields([("ETag", stored.etag)]))
                }
                return try await respond(200, stored, context)
            }
        }
        router.add(.put, "\(collection)/{id}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let id = context.request.pathParameters["id"] ?? ""
                let body = try RequestBody.json(of: context.request)
                let stored = try await operations.replace(kind, id: id, body: body,
                                                          expectedVersion: try await writeVersion(id, context),
                                                          tenant: context.tenant)
                return try await respondReloaded(stored, context)
            }
        }
        router.add(.patch, "\(collection)/{id}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let id = context.request.pathParameters["id"] ?? ""
                let request = try PatchRequest.parse(RequestBody.json(of: context.request))
                let whole = kind == .group && !asksForAttributes(context)
                let members: MemberInclusion = whole ? .atMost(operations.settings.patchResponseMaxMembers)
                    : wantsMembers(context) ? .all : .none
                let stored = try await operations.patch(kind, id: id, request: request,
                                                        expectedVersion: try await writeVersion(id, context),
                                                        members: members, tenant: context.tenant)
                // RFC 7644 §3.5.2: 200 with the resource, subject to `attributes`, or 204.
                guard whole else {
                    return try await respond(200, stored, context,
                                             written: { AttributeProjection.written(by: request, resourceType: $0) })
                }
                return try await respondToGroupPatch(stored, context)
            }
        }
        router.add(.delete, "\(collection)/{id}") { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let id = context.request.pathParameters["id"] ?? ""
                try await operations.delete(kind, id: id, expectedVersion: try await writeVersion(id, context),
                                            tenant: context.tenant)
                return SCIMResponses.noContent()
            }
        }
    }

    /// The version a write of `id` must find, from `If-Match` and `If-None-Match`
    /// (``EntityTag/writeVersion(in:current:)``).
    private func writeVersion(_ id: String, _ context: SCIMContext) async throws(SCIMError) -> Int64? {
        try await EntityTag.writeVersion(in: context.request) { () async throws(SCIMError) -> Int64 in
            try await operations.get(kind, id: id, tenant: context.tenant, includeMembers: false).version
        }
    }

    /// Whether the request names `attributes` or `excludedAttributes` (RFC 7644 §3.9).
    private func asksForAttributes(_ context: SCIMContext) -> Bool {
        context.request.query("attributes") != nil || context.request.query("excludedAttributes") != nil
    }

    /// A Group PATCH that asked for no attributes: 200 with the whole group while it has at
    /// most ``SCIMServiceSettings/patchResponseMaxMembers`` members (what validators and
    /// most clients expect), 204 with the ETag beyond (what Entra ID and Okta accept, and
    /// Microsoft recommends: its PATCHes change one membership of groups of any size).
    /// The members come from the PATCH's own transaction, read in a query bounded by the
    /// limit.
    private func respondToGroupPatch(_ stored: StoredResource, _ context: SCIMContext) async throws(SCIMError) -> HTTPResponse {
        guard let members = stored.members, members.count <= operations.settings.patchResponseMaxMembers else {
            return HTTPResponse(status: 204, headers: HTTPFields([("ETag", stored.etag)]))
        }
        return try await respond(200, stored, context)
    }

    private func wantsMembers(_ context: SCIMContext) -> Bool {
        ResourceRendering.includes(kind == .group ? "members" : "groups",
                                   attributes: context.request.query("attributes"),
                                   excludedAttributes: context.request.query("excludedAttributes"))
    }

    /// `written`: what a write specified (POST and PUT: everything; PATCH: what its
    /// operations name), so its `returned: request` attributes come back (RFC 7643 §7).
    private func respond(_ status: Int, _ stored: StoredResource, _ context: SCIMContext,
                         extraHeaders: [(String, String)] = [],
                         written: (ResourceType) -> AttributeProjection.Written = { _ in .none }) async throws(SCIMError) -> HTTPResponse {
        // GET reads the tenant's resource type; a write's answer uses the one it was checked against.
        let resourceType = status == 200 && context.request.method == .get
            ? try await operations.resourceType(for: kind, tenant: context.tenant)
            : try await operations.writtenResourceType(for: kind, tenant: context.tenant)
        let body = ResourceRendering(context: context, resourceType: resourceType, written: written(resourceType)).render(stored)
        return SCIMResponses.json(status, body, headers: [("ETag", stored.etag)] + extraHeaders)
    }

    /// A PUT result with its computed attributes (members, groups) when wanted.
    private func respondReloaded(_ stored: StoredResource, _ context: SCIMContext) async throws(SCIMError) -> HTTPResponse {
        guard wantsMembers(context), stored.members == nil, stored.groups == nil else {
            return try await respond(200, stored, context, written: { _ in .all })
        }
        let full = try await operations.get(kind, id: stored.id, tenant: context.tenant, includeMembers: true)
        return try await respond(200, full, context, written: { _ in .all })
    }

    private func list(_ search: SearchRequest, _ context: SCIMContext) async throws(SCIMError) -> HTTPResponse {
        let projection = search.projection(for: try await operations.resourceType(for: kind, tenant: context.tenant))
        let includeMembers = ResourceRendering.includes(kind == .group ? "members" : "groups",
                                                        attributes: search.attributes.joined(separator: ","),
                                                        excludedAttributes: search.excludedAttributes.joined(separator: ","))
        // RFC 9865 §2.4: a `cursor` asks for cursor paging; without one, index paging.
        let cursorContext = CursorCodec.Context(tenant: context.tenant, scope: kind.rawValue, search: search)
        let cursor = try search.cursor.flatMap { text throws(SCIMError) in try service.cursors.decode(text, context: cursorContext) }
        let seek = search.cursor == nil ? nil : cursor?.seek ?? .after(nil)
        let page = try await operations.list(kind, search: search, includeMembers: includeMembers, tenant: context.tenant,
                                             seek: seek)
        let rendering = ResourceRendering(context: context, projection: projection)
        let resources = page.resources.map(rendering.render)
        var response = ListResponse(totalResults: page.total, startIndex: page.startIndex, resources: resources)
        if seek != nil {
            response.startIndex = nil
            response.nextCursor = page.next.map { service.cursors.encode($0, context: cursorContext) }
            response.previousCursor = page.previous.map { service.cursors.encode($0, context: cursorContext) }
        }
        return SCIMResponses.json(200, response.representation)
    }
}
