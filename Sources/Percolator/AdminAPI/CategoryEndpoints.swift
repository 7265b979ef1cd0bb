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
                let tenant = context.tenant
                let catalog = try await service.read { db in try db.categories.catalog(tenant: tenant) }
                return AdminJSON.response(200, AdminJSON.page(catalog.categories.map(Self.json), next: nil))
            }
        }
        router.add(.get, "\(collection)/{key}") { request in
            await service.authenticated(request) { context in
                let tenant = context.tenant
                let key = CategoryKey(context.parameter("key"))
                let catalog = try await service.read { db in try db.categories.catalog(tenant: tenant) }
                guard let category = catalog[key] else { throw SCIMError.notFound("Category '\(key)' not found.") }
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
                let tenant = context.tenant
                try await service.write { db in
                    var catalog = try db.categories.catalog(tenant: tenant)
                    guard catalog.add(category) else { throw SCIMError.uniqueness("A category with key '\(key)' already exists.") }
                    try db.categories.save(catalog, tenant: tenant)
                }
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
                if label?.isEmpty == true { throw SCIMError.invalidValue("'label' must not be empty.") }
                let tenant = context.tenant
                let category = try await service.write { db -> Category in
                    let catalog = try db.categories.catalog(tenant: tenant)
                    guard var category = catalog[key] else { throw SCIMError.notFound("Category '\(key)' not found.") }
                    if let label { category.label = label }
                    if let editable {
                        guard !category.isReadOnly || !editable else {
                            throw SCIMError.mutability("'\(key)' is filled by the identity provider: members cannot edit it.")
                        }
                        category.isMemberEditable = editable
                    }
                    if let values { category.absorb(values) }
                    try db.categories.save(CategoryCatalog(catalog.categories.map { $0.key == key ? category : $0 }),
                                             tenant: tenant)
                    return category
                }
                return AdminJSON.response(200, Self.json(category))
            }
        }
        router.add(.delete, "\(collection)/{key}") { request in
            await service.authenticated(request) { context in
                let key = CategoryKey(context.parameter("key"))
                let tenant = context.tenant
                try await service.write { db in
                    let catalog = try db.categories.catalog(tenant: tenant)
                    guard catalog[key] != nil else { throw SCIMError.notFound("Category '\(key)' not found.") }
                    let settings = try db.settings.settings(tenant: tenant)
                    if settings.categoryMapping.keys.contains(key) {
                        throw SCIMError(status: 409, detail: "The attribute mapping fills '\(key)'; remove it from the mapping (PATCH /api/v1/settings) first.")
                    }
                    try db.categories.save(CategoryCatalog(catalog.categories.filter { $0.key != key }), tenant: tenant)
                }
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
