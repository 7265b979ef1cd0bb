import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `/api/v1/categories`: the tenant's categories (City, Department…) with their known
/// values. Categories the identity provider fills (through the attribute mapping) are
/// read-only for members; an admin may relabel them but not delete them while the
/// mapping uses them.
struct CategoryEndpoints {
    let service: AdminService

    var collection: String { "\(AdminService.root)/categories" }

    func register(on router: inout Router) {
        router.add(.get, collection) { request in
            await service.authenticated(request) { context in
                let catalog = try await service.categories.catalog(tenant: context.tenant)
                return AdminJSON.response(200, AdminJSON.page(catalog.categories.map(Self.json), next: nil))
            }
        }
        router.add(.get, "\(collection)/{key}") { request in
            await service.authenticated(request) { context in
                let category = try await service.categories.category(CategoryKey(context.parameter("key")), tenant: context.tenant)
                return AdminJSON.response(200, Self.json(category))
            }
        }
        router.add(.post, collection) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                guard let key = body[attribute: "key"]?.stringValue, Self.isValidKey(key) else {
                    throw SCIMError.invalidValue("'key' is required: letters, digits, '-' or '_', at most 64, e.g. \"seniority\".")
                }
                guard let label = body[attribute: "label"]?.stringValue, !label.isEmpty else {
                    throw SCIMError.invalidValue("'label' is required, e.g. \"Seniority\".")
                }
                let typeText = try AdminJSON.string(body, "type") ?? CategoryType.singleSelect.rawValue
                guard let type = CategoryType(rawValue: typeText) else {
                    throw SCIMError.invalidValue("'type' must be singleSelect, multiSelect or text; it was '\(typeText)'.")
                }
                let category = Category(key: CategoryKey(key), label: label, type: type,
                                        knownValues: try Self.strings(body[attribute: "values"], "values"),
                                        source: .admin, isMemberEditable: try AdminJSON.bool(body, "memberEditable"))
                try await service.categories.add(category, tenant: context.tenant)
                return AdminJSON.response(201, Self.json(category), headers: [("Location", "\(collection)/\(key)")])
            }
        }
        router.add(.patch, "\(collection)/{key}") { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let key = CategoryKey(context.parameter("key"))
                let label = try AdminJSON.string(body, "label")
                let editable = try AdminJSON.bool(body, "memberEditable")
                let values = try body[attribute: "values"].map { value throws(SCIMError) in try Self.strings(value, "values") }
                let category = try await service.categories.edit(key, tenant: context.tenant,
                                                                 CategoryService.Edit(label: label, isMemberEditable: editable, values: values))
                return AdminJSON.response(200, Self.json(category))
            }
        }
        router.add(.delete, "\(collection)/{key}") { request in
            await service.authenticated(request) { context in
                let key = CategoryKey(context.parameter("key"))
                try await service.categories.delete(key, tenant: context.tenant)
                return HTTPResponse(status: 204)
            }
        }
    }

    static func json(_ category: Category) -> JSONValue {
        AdminJSON.object([
            ("key", .string(category.key.rawValue)),
            ("label", .string(category.label)),
            ("type", .string(category.type.rawValue)),
            ("source", .string(category.source.rawValue)),
            ("readOnly", .bool(category.isReadOnly)),
            ("memberEditable", .bool(category.isMemberEditable)),
            ("knownValues", AdminJSON.strings(category.knownValues)),
        ])
    }

    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 64 && key.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
        }
    }

    static func strings(_ value: JSONValue?, _ name: String) throws(SCIMError) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw .invalidValue("'\(name)' must be a list of strings.")
        }
        return items.compactMap(\.stringValue)
    }
}
