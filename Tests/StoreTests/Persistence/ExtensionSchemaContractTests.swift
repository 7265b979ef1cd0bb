import Coffee
import Foundation
import SCIM
import Testing
@testable import Store

/// Declared schema extensions (issue 15, migration 0016), the same assertions on SQLite
/// and PostgreSQL: the repository, and lists filtered and sorted by a declared attribute.
@Suite("Declared extensions contract — repository, filter and sort on SQLite and PostgreSQL")
struct ExtensionSchemaContractTests {
    static let urn = "urn:example:params:scim:schemas:extension:acme:2.0:User"

    @Test("the repository: saved, replaced by URN ignoring case, listed in URN order per tenant, deleted once",
          arguments: StorageBackend.allCases)
    func repository(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let acme = DeclaredExtensionDocument(urn: Self.urn, json: #"{"v":1}"#)
            let zeta = DeclaredExtensionDocument(urn: "urn:example:zeta", json: #"{"v":2}"#)
            let replaced = DeclaredExtensionDocument(urn: Self.urn.uppercased(), json: #"{"v":3}"#)
            try await backend.persistence.write { tx in
                try tx.extensionSchemas.save(zeta, tenant: tenant)
                try tx.extensionSchemas.save(acme, tenant: tenant)
                try tx.extensionSchemas.save(acme, tenant: other)
                try tx.extensionSchemas.save(replaced, tenant: tenant)
            }
            #expect(try await backend.persistence.read { tx in try tx.extensionSchemas.all(tenant: tenant) } == [replaced, zeta])
            #expect(try await backend.persistence.read { tx in try tx.extensionSchemas.all(tenant: other) } == [acme])
            let deleted = try await backend.persistence.write { tx in
                (try tx.extensionSchemas.delete(urn: Self.urn, tenant: tenant), try tx.extensionSchemas.delete(urn: Self.urn, tenant: tenant))
            }
            #expect(deleted == (true, false))
            #expect(try await backend.persistence.read { tx in try tx.extensionSchemas.all(tenant: tenant) } == [zeta])
            #expect(try await backend.persistence.read { tx in try tx.extensionSchemas.all(tenant: other) } == [acme])
        }
    }

    @Test("settings and extensions read together are the two reads one after the other, per tenant",
          arguments: StorageBackend.allCases)
    func settingsAndExtensions(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            func both(_ tenant: TenantID) async throws -> Bool {
                try await backend.persistence.read { tx in
                    let together = try tx.settingsAndExtensions(tenant: tenant)
                    let settings = try tx.settings.settings(tenant: tenant)
                    let extensions = try tx.extensionSchemas.all(tenant: tenant)
                    return together.settings == settings && together.extensions == extensions
                }
            }
            #expect(try await both(tenant), "nothing stored: the defaults and no extension")
            var changed = TenantSettings()
            changed.undeclaredAttributes = .ignore
            let settings = changed
            try await backend.persistence.write { tx in
                try tx.settings.save(settings, tenant: tenant)
                try tx.extensionSchemas.save(DeclaredExtensionDocument(urn: "urn:example:Zeta", json: #"{"v":2}"#), tenant: tenant)
                try tx.extensionSchemas.save(DeclaredExtensionDocument(urn: Self.urn, json: #"{"v":1}"#), tenant: tenant)
                try tx.extensionSchemas.save(DeclaredExtensionDocument(urn: "urn:example:alpha", json: "{}"), tenant: other)
            }
            let read = try await backend.persistence.read { tx in try tx.settingsAndExtensions(tenant: tenant) }
            #expect(read.settings == settings)
            #expect(read.extensions.map(\.urn) == ["urn:example:params:scim:schemas:extension:acme:2.0:User", "urn:example:Zeta"])
            #expect(try await both(tenant))
            #expect(try await both(other), "settings absent, one extension")
        }
    }

    @Test("lists filter and sort by a declared attribute (folded unless caseExact, missing last)",
          arguments: StorageBackend.allCases)
    func lists(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let schema = try ExtensionSchemaDeclaration.parse([
                "id": .string(Self.urn),
                "attributes": [["name": "costCenter"], ["name": "badge", "caseExact": true], ["name": "level", "type": "integer"],
                               ["name": "pin", "returned": "never"], ["name": "secret", "mutability": "writeOnly"]],
            ])
            let type = ResourceType.user.declaring([schema])
            let store = backend.resources
            for (name, cost, badge) in [("ann", "b", "X"), ("bob", nil, "x"), ("cat", "A", nil), ("dan", "C'1", "y")] as [(String, String?, String?)] {
                var user = userJSON(name)
                var custom = JSONObject()
                if let cost { custom["costCenter"] = .string(cost) }
                if let badge { custom["badge"] = .string(badge) }
                custom["level"] = .integer(Int64(name.count))
                user[Self.urn] = .object(custom)
                _ = try await store.create(user, kind: .user, tenant: tenant)
            }
            func names(_ filter: String?, sort: String? = nil, ascending: Bool = true) async throws -> [String] {
                var query = ResourceQuery(filter: try filter.map { try FilterParser.parse($0) },
                                          sortBy: try sort.map { try AttributePath.parse("\(Self.urn):\($0)") }, ascending: ascending)
                query.resourceType = type
                return try await store.list(query, kind: .user, tenant: tenant).resources.compactMap { $0.attributes[attribute: "userName"]?.stringValue }
            }
            #expect(try await names(#"\#(Self.urn):costCenter eq "B""#) == ["ann"])
            #expect(try await names(#"\#(Self.urn):badge eq "x""#) == ["bob"], "caseExact")
            #expect(try await names(#"\#(Self.urn):level ge 3"#) == ["ann", "bob", "cat", "dan"])
            #expect(try await names(nil, sort: "costCenter") == ["cat", "ann", "dan", "bob"], "ignoring case, missing last")
            #expect(try await names(nil, sort: "costCenter", ascending: false) == ["bob", "dan", "ann", "cat"])
            #expect(try await names(#"userName ne "ann""#, sort: "costCenter") == ["cat", "dan", "bob"])
            #expect(try await names(nil, sort: "badge") == ["ann", "bob", "dan", "cat"], "caseExact: byte order")
            #expect(await ResourceStoreContractTests.resourceError { _ = try await names(nil, sort: "level") }
                    == .unsupportedSort(attribute: "\(Self.urn):level"))
            // The order of values no response holds would tell them.
            for hidden in ["pin", "secret"] {
                #expect(await ResourceStoreContractTests.resourceError { _ = try await names(nil, sort: hidden) }
                        == .unsupportedSort(attribute: "\(Self.urn):\(hidden)"))
            }
            // Without the tenant's type the attribute is unknown.
            do {
                _ = try await store.list(ResourceQuery(filter: try FilterParser.parse(#"\#(Self.urn):costCenter eq "b""#)),
                                         kind: .user, tenant: tenant)
                Issue.record("an undeclared attribute was filtered")
            } catch let error as SCIMError {
                #expect(error.scimType == .invalidFilter)
            }
        }
    }
}
