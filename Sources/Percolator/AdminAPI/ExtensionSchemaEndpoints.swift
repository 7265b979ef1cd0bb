import HTTP
import SCIM

/// `/api/v1/schemas`: the SCIM schema extensions of the User resource type the
/// organisation declares (issue 15), in their RFC 7643 §7 representation. `GET` lists
/// them, `POST` declares one (201, or 200 when it replaced one of the same URN), `GET`,
/// `PUT` and `DELETE` on `/api/v1/schemas/{urn}` read, replace (or create) and remove
/// one. A declaration is checked by ``ExtensionSchemaDeclaration``; a refused one changes
/// nothing.
struct ExtensionSchemaEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/schemas" }

    func register(on router: inout Router) {
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let schemas = try await service.extensionSchemas.schemas(tenant: context.tenant)
                return AdminJSON.response(200, AdminJSON.page(schemas.map(ExtensionSchemaDeclaration.declaration(of:)), next: nil))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let (schema, created) = try await service.extensionSchemas.declare(.object(body), tenant: context.tenant)
                return AdminJSON.response(created ? 201 : 200, ExtensionSchemaDeclaration.declaration(of: schema),
                                          headers: [("Location", "\(collection)/\(schema.id)")])
            }
        }
        router.add(.get, "\(collection)/{urn}") { request in
            await service.authenticated(request) { context in
                let schema = try await service.extensionSchemas.schema(urn: context.parameter("urn"), tenant: context.tenant)
                return AdminJSON.response(200, ExtensionSchemaDeclaration.declaration(of: schema))
            }
        }
        router.add(.put, "\(collection)/{urn}") { request in
            await service.authenticated(request) { context in
                var body = try context.jsonObject()
                let urn = context.parameter("urn")
                if body[attribute: "id"] == nil, body[attribute: "urn"] == nil { body["id"] = .string(urn) }
                let (schema, created) = try await service.extensionSchemas.declare(.object(body), urn: urn, tenant: context.tenant)
                return AdminJSON.response(created ? 201 : 200, ExtensionSchemaDeclaration.declaration(of: schema))
            }
        }
        router.add(.delete, "\(collection)/{urn}") { request in
            await service.authenticated(request) { context in
                try await service.extensionSchemas.remove(urn: context.parameter("urn"), tenant: context.tenant)
                return HTTPResponse(status: 204)
            }
        }
    }

}
