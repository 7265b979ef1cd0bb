import HTTP
import SCIM
import Store

extension RootSearchEndpoint {
    /// A page of a cursor walk (RFC 9865 §3) over Users then Groups: keyset pages of one
    /// type, then of the next from its start, with `nextCursor` naming the type it stops
    /// in. Every type is counted in `totalResults`. There is no `previousCursor` here (RFC
    /// 9865 §2 makes it OPTIONAL); `/Users/.search` and `/Groups/.search` have one.
    func runWithCursor(_ search: SearchRequest, _ context: SCIMContext) async throws(SCIMError) -> HTTPResponse {
        let kinds = try await kinds(for: search, tenant: context.tenant)
        let cursorContext = CursorCodec.Context(tenant: context.tenant, scope: "root", search: search)
        let cursor = try search.cursor.flatMap { text throws(SCIMError) in try service.cursors.decode(text, context: cursorContext) }
        let startIndex = cursor?.kindIndex ?? 0
        let wanted = min(max(0, search.count ?? service.settings.maxResults), service.settings.maxResults)
        var total = 0
        var resources: [JSONValue] = []
        var next: (seek: ResourceSeek, kindIndex: Int)?
        for (index, kind) in ResourceKind.allCases.enumerated() where kinds.contains(kind) {
            // Types before the cursor's are only counted; after a stop, so are the rest.
            let seek: ResourceSeek = index == startIndex ? cursor?.seek ?? .after(nil) : .after(nil)
            let room = index < startIndex || next != nil ? 0 : wanted - resources.count
            let page = try await operations.list(kind, search: search, includeMembers: includesMembers(kind, search),
                                                 tenant: context.tenant, countOverride: room, seek: seek)
            total += page.total
            let rendering = ResourceRendering(context: context, projection: search.projection(for: try await operations.resourceType(for: kind, tenant: context.tenant)))
            resources += page.resources.map(rendering.render)
            if index >= startIndex, next == nil, let following = page.next { next = (following, index) }
        }
        let response = ListResponse(totalResults: total, startIndex: nil, resources: resources,
                                    nextCursor: next.map { service.cursors.encode($0.seek, kindIndex: $0.kindIndex, context: cursorContext) })
        return SCIMResponses.json(200, response.representation)
    }
}
