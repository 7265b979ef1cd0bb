import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store
import Web

/// The categories page (issue 13, item 6), administrators only: the tenant's categories
/// with kind, owner, known values and how many members have each (``CategoryService``),
/// creating and editing one, and the identity provider's attribute mapping (the
/// `categoryMapping` setting, checked by the same rules as `PATCH /api/v1/settings`).
extension ConsoleEndpoints {
    func registerCategories(on router: inout Router) {
        router.add(.get, ConsolePaths.categories) { request in
            await handle(request, access: .administrator) { visit in
                let notice: String? = switch request.query("notice") {
                case "created": ConsoleLocalizer(visit.language)(.categoryCreated)
                case "mapping": ConsoleLocalizer(visit.language)(.mappingSaved)
                default: nil
                }
                return try await visit.page(categoriesPage(visit), section: .categories, notice: notice)
            }
        }
        router.add(.post, ConsolePaths.categories) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let label = (visit.form?[ConsoleField.label] ?? "").trimmingCharacters(in: .whitespaces)
                let kind = visit.form?[ConsoleField.kind] ?? ""
                var page = try await categoriesPage(visit)
                page.newLabel = String(label.prefix(100))
                page.newKind = kind
                // Keyed as an import keys a new column (``CategoryKey/derived(fromLabel:)``).
                guard !label.isEmpty, label.count <= 100, let key = CategoryKey.derived(fromLabel: label)?.rawValue,
                      let type = CategoryType(rawValue: kind) else {
                    page.problem = "A category needs a label with letters or digits (at most 100 characters) and a kind."
                    return visit.page(page, section: .categories, status: 400)
                }
                do {
                    try await services.categories.add(Category(key: CategoryKey(key), label: label, type: type, source: .admin),
                                                      tenant: visit.tenant)
                } catch ServiceError.duplicate(let detail) {
                    page.problem = detail
                    return visit.page(page, section: .categories, status: 409)
                }
                return Self.redirect(to: ConsolePaths.categories + "?notice=created")
            }
        }
        router.add(.post, ConsolePaths.categoryMapping) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let paths = visit.form?.values(for: ConsoleField.mappingPath) ?? []
                let keys = visit.form?.values(for: ConsoleField.mappingCategory) ?? []
                guard paths.count == keys.count, paths.count <= 200 else { return visit.message(.badRequest) }
                var entries: [JSONValue] = []
                for (path, key) in zip(paths, keys) {
                    let path = path.trimmingCharacters(in: .whitespaces)
                    guard !path.isEmpty, !key.isEmpty else { continue }  // a cleared row is removed
                    entries.append(AdminJSON.object([("path", .string(path)), ("category", .string(key))]))
                }
                if let refusal = try await changeSetting("categoryMapping", to: .array(entries), tenant: visit.tenant) {
                    var page = try await categoriesPage(visit)
                    page.problem = refusal
                    return visit.page(page, section: .categories, status: 400)
                }
                return Self.redirect(to: ConsolePaths.categories + "?notice=mapping")
            }
        }
        router.add(.get, ConsolePaths.categories + "/{key}") { request in
            await handle(request, access: .administrator) { visit in
                let category = try await services.categories.category(CategoryKey(request.pathParameters["key"] ?? ""), tenant: visit.tenant)
                let notice = request.query("notice") == "saved" ? ConsoleLocalizer(visit.language)(.categorySaved) : nil
                return visit.page(Self.categoryPage(category), section: .categories, notice: notice)
            }
        }
        router.add(.post, ConsolePaths.categories + "/{key}") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let key = CategoryKey(request.pathParameters["key"] ?? "")
                let current = try await services.categories.category(key, tenant: visit.tenant)
                let label = (visit.form?[ConsoleField.label] ?? "").trimmingCharacters(in: .whitespaces)
                let values = (visit.form?[ConsoleField.values] ?? "").split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                var edit = CategoryService.Edit()
                edit.label = String(label.prefix(100))
                if !current.isReadOnly { edit.isMemberEditable = visit.form?[ConsoleField.memberEditable] == "yes" }
                edit.values = values.isEmpty ? nil : Array(values.prefix(1_000))
                do {
                    _ = try await services.categories.edit(key, tenant: visit.tenant, edit)
                } catch ServiceError.invalid(let detail), ServiceError.immutable(let detail) {
                    var page = Self.categoryPage(current)
                    page.problem = detail
                    return visit.page(page, section: .categories, status: 400)
                }
                return Self.redirect(to: ConsolePaths.category(key.rawValue) + "?notice=saved")
            }
        }
    }

    /// The categories page with the tenant's catalog, counts and mapping.
    private func categoriesPage(_ visit: ConsoleVisit) async throws -> ConsoleCategoriesPage {
        let catalog = try await services.categories.catalog(tenant: visit.tenant)
        let counts = try await services.categories.valueCounts(tenant: visit.tenant)
        let settings = try await services.tenant.settings(tenant: visit.tenant)
        let rows = catalog.categories.map { category in
            let count = counts[category.key]
            var values = category.knownValues.map { ConsoleCategoriesPage.Count(value: $0, members: count?.values[$0] ?? 0) }
            // Values members have that the catalog does not list (free text), too.
            let known = Set(category.knownValues)
            values += (count?.values ?? [:]).filter { !known.contains($0.key) }.map { ConsoleCategoriesPage.Count(value: $0.key, members: $0.value) }
            values.sort { $0.members != $1.members ? $0.members > $1.members : $0.value < $1.value }
            return ConsoleCategoriesPage.Row(key: category.key.rawValue, label: category.label, kind: category.type.rawValue,
                                             owner: Self.owner(of: category), values: values, members: count?.members ?? 0)
        }
        return ConsoleCategoriesPage(rows: rows, mapping: settings.categoryMapping.entries.map {
            ConsoleCategoriesPage.MappingRow(path: $0.path, category: $0.key.rawValue)
        })
    }

    /// Who fills `category`: `identityProvider`, `member` or `admin`.
    static func owner(of category: Category) -> String {
        category.source == .identityProvider ? "identityProvider" : (category.isMemberEditable ? "member" : "admin")
    }

    /// Category `category`'s page.
    static func categoryPage(_ category: Category) -> ConsoleCategoryPage {
        ConsoleCategoryPage(key: category.key.rawValue, label: category.label, kind: category.type.rawValue, owner: owner(of: category),
                            isMemberEditable: category.isMemberEditable, isReadOnly: category.isReadOnly, values: category.knownValues)
    }
}
