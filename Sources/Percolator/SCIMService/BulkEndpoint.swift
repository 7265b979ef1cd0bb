import HTTP
import SCIM
import Store

/// `POST /Bulk` (RFC 7644 §3.7): operations run in an order where each POST comes
/// before the operations that reference its `bulkId`, each as its own write (the
/// RFC does not make a bulk request atomic); `failOnErrors` stops after that many
/// errors; results come back in request order, for the operations that ran.
struct BulkEndpoint {
    let service: SCIMService
    let operations: ResourceOperations

    func register(on router: inout Router) {
        // The HTTP layer answers 413 past the advertised maxPayloadSize (RFC 7644 §3.7.4).
        router.add(.post, "\(SCIMService.root)/Bulk", bodyLimit: service.settings.bulkMaxPayloadSize) { request in
            await service.authenticated(request) { context throws(SCIMError) in
                let body = try RequestBody.json(of: context.request)
                let bulk = try BulkRequest(body: body, maxOperations: service.settings.bulkMaxOperations)
                return SCIMResponses.json(200, await run(bulk, context).representation)
            }
        }
    }

    func run(_ bulk: BulkRequest, _ context: SCIMContext) async -> BulkResponse {
        let plan = BulkReferences.plan(bulk.operations)
        var resolved: [String: String] = [:]
        var results: [Int: BulkResponse.Result] = [:]
        var errors = 0
        for index in plan.order {
            if let limit = bulk.failOnErrors, errors >= limit { break }
            let operation = bulk.operations[index]
            let result: BulkResponse.Result
            if plan.circular.contains(index) {
                // RFC 7644 §3.7.2: the provider MAY answer a circular reference with 409.
                result = .init(method: operation.method, bulkId: operation.bulkId,
                               error: SCIMError(status: 409, scimType: .invalidValue,
                                                detail: "This operation is part of a circular bulkId reference that cannot be resolved."))
            } else {
                result = await execute(operation, resolved: resolved, context)
            }
            if result.status >= 400 { errors += 1 }
            if operation.method == .post, result.status == 201, let bulkId = operation.bulkId,
               let id = result.location.flatMap({ $0.split(separator: "/").last.map(String.init) }) {
                resolved[bulkId] = id
            }
            results[index] = result
        }
        return BulkResponse(results: results.keys.sorted().compactMap { results[$0] })
    }

    private func execute(_ operation: BulkOperation, resolved: [String: String], _ context: SCIMContext) async -> BulkResponse.Result {
        let (path, unresolvedInPath) = BulkReferences.resolving(path: operation.path, with: resolved)
        var data = operation.data
        var unresolved = unresolvedInPath.map { [$0] } ?? []
        if let value = data {
            let resolution = BulkReferences.resolving(value, with: resolved)
            data = resolution.value
            unresolved += resolution.unresolved
        }
        do {
            if let missing = unresolved.first {
                throw SCIMError(status: 409, scimType: .invalidValue,
                                detail: "The bulkId '\(missing)' refers to no resource created by this request.")
            }
            let target = try BulkTarget(path: path, method: operation.method)
            let expected = operation.version.flatMap(EntityTag.version(of:))
            let tenant = context.tenant
            let stored: StoredResource?
            switch operation.method {
            case .post:
                stored = try await operations.create(target.kind, body: data ?? .null, tenant: tenant)
            case .put:
                stored = try await operations.replace(target.kind, id: target.id ?? "", body: data ?? .null,
                                                      expectedVersion: expected, tenant: tenant)
            case .patch:
                stored = try await operations.patch(target.kind, id: target.id ?? "", body: data ?? .null,
                                                    expectedVersion: expected, members: .none, tenant: tenant)
            case .delete:
                try await operations.delete(target.kind, id: target.id ?? "", expectedVersion: expected, tenant: tenant)
                stored = nil
            }
            let location = stored.map { context.location(of: $0.kind.rawValue, id: $0.id) }
                ?? context.location(of: target.kind.rawValue, id: target.id ?? "")
            let status = operation.method == .post ? 201 : (operation.method == .delete ? 204 : 200)
            return .init(method: operation.method, bulkId: operation.bulkId, version: stored?.etag,
                         location: location, status: status)
        } catch let error as SCIMError {
            return .init(method: operation.method, bulkId: operation.bulkId, error: error)
        } catch {
            if let storage = StorageErrorMapping.scimError(for: error, context: "bulk operation") {
                return .init(method: operation.method, bulkId: operation.bulkId, error: storage)
            }
            ErrorLog.unexpected(error, context: "bulk operation")
            return .init(method: operation.method, bulkId: operation.bulkId, error: .internalError(requestID: ErrorLog.requestID))
        }
    }
}

/// The resource a bulk operation's `path` names: `/Users` or `/Groups` for POST,
/// `/Users/{id}` or `/Groups/{id}` otherwise (RFC 7644 §3.7).
struct BulkTarget {
    var kind: ResourceKind
    var id: String?

    init(path: String, method: BulkOperation.Method) throws(SCIMError) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = segments.first else { throw .invalidPath("The bulk path '\(path)' names no resource type.") }
        switch first {
        case "Users": kind = .user
        case "Groups": kind = .group
        default: throw .invalidPath("The bulk path '\(path)' must start with /Users or /Groups.")
        }
        if method == .post {
            guard segments.count == 1 else { throw .invalidPath("A bulk POST path is a resource type such as /Users, not '\(path)'.") }
            id = nil
        } else {
            guard segments.count == 2 else { throw .invalidPath("A bulk \(method.rawValue) path names one resource, such as /Users/{id}, not '\(path)'.") }
            id = PercentDecoding.decode(segments[1])
        }
    }
}
