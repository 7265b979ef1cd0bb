import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// Admin-declared schema extensions (issue 15) on the live server: declared through
/// `/api/v1/schemas`, then served, validated, returned, filtered, sorted and mapped to
/// categories for that tenant only.
@Suite("SCIM declared extensions: /api/v1/schemas, then the tenant's /Schemas, validation, filter, sort, mapping")
struct SCIMDeclaredExtensionsTests {
    /// Okta's custom extension URN, declared by the tenant's admin.
    static let urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"

    static let declaration: JSONValue = [
        "id": .string(urn), "name": "CustomExtension", "description": "Okta custom attributes",
        "attributes": [
            ["name": "costCenterCode", "type": "string"],
            ["name": "badgeID", "type": "string", "caseExact": true, "mutability": "immutable"],
            ["name": "employeeBadge", "type": "integer"],
            ["name": "skills", "type": "string", "multiValued": true],
            ["name": "secretPin", "type": "string", "mutability": "writeOnly", "returned": "never"],
            ["name": "internalNote", "type": "string", "returned": "request"],
            ["name": "manager", "type": "complex", "subAttributes": [["name": "displayName"], ["name": "email"]]],
        ],
    ]

    static func user(_ userName: String, _ custom: JSONValue) -> JSONValue {
        SCIMBodies.user(userName, extra: [("schemas", [.string(SCIMSchemaURN.user), .string(urn)]), (urn, custom)])
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("declare → POST → GET / filter / sort → PATCH → /Schemas lists it → another tenant does not see it")
    func endToEnd() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let client = try live.client()
            // A category mapping may not name an undeclared extension attribute.
            let early = try await admin.patch("/api/v1/settings", ["categoryMapping": [["path": .string("\(Self.urn):costCenterCode"), "category": "costCenter"]]])
            #expect(early.status == 400, "\(early.text)")

            let declared = try await admin.post("/api/v1/schemas", Self.declaration)
            #expect(declared.status == 201, "\(declared.text)")
            #expect(declared[attribute: "id"] == .string(Self.urn))
            #expect(try await admin.post("/api/v1/schemas", Self.declaration).status == 200)
            let listed = try await admin.get("/api/v1/schemas")
            #expect(listed[attribute: "items"]?.arrayValue?.count == 1, "\(listed.text)")
            #expect(try await admin.get("/api/v1/schemas/\(Self.urn)").status == 200)

            // Discovery: listed in /Schemas and in the User type, not required.
            let schemas = try await client.get("/scim/v2/Schemas")
            #expect(schemas[attribute: "Resources"]?.arrayValue?.contains { $0[attribute: "id"] == .string(Self.urn) } == true)
            #expect(try await client.get("/scim/v2/Schemas/\(Self.urn)")[attribute: "attributes"]?.arrayValue?.count == 7)
            let userType = try await client.get("/scim/v2/ResourceTypes/User")
            #expect(userType[attribute: "schemaExtensions"]?.arrayValue?.contains { $0 == ["schema": .string(Self.urn), "required": false] } == true,
                    "\(userType.text)")

            // Validated: types, readOnly/immutable, multi-valued.
            let badType = try await client.post("/scim/v2/Users", Self.user("bad@example.com", ["employeeBadge": "twelve"]))
            #expect(badType.status == 400, "\(badType.text)")
            #expect(badType[attribute: "scimType"] == "invalidValue")
            #expect(badType[attribute: "detail"]?.stringValue?.contains("employeeBadge") == true, "\(badType.text)")
            let created = try await client.post("/scim/v2/Users", Self.user("ann@example.com", [
                "costCenterCode": "CC-42", "badgeID": "B1", "employeeBadge": 12, "skills": "swift",
                "secretPin": "1234", "internalNote": "n", "manager": ["displayName": "Bob"],
            ]))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            let custom = created[attribute: Self.urn]
            #expect(custom?[attribute: "skills"] == ["swift"], "\(created.text)")
            #expect(custom?[attribute: "employeeBadge"] == 12)
            #expect(custom?[attribute: "secretPin"] == nil, "writeOnly / returned never")
            #expect(custom?[attribute: "internalNote"] == "n", "returned request: the POST specified it (RFC 7643 §7)")

            let fetched = try await client.get("/scim/v2/Users/\(id)")
            #expect(fetched[attribute: Self.urn]?[attribute: "costCenterCode"] == "CC-42")
            #expect(fetched[attribute: Self.urn]?[attribute: "internalNote"] == nil, "returned request")
            #expect(fetched[attribute: Self.urn]?[attribute: "secretPin"] == nil)
            let asked = try await client.get("/scim/v2/Users/\(id)?attributes=\(Self.urn):internalNote")
            #expect(asked[attribute: Self.urn]?[attribute: "internalNote"] == "n", "\(asked.text)")

            // Filters: case-insensitive unless caseExact.
            for (filter, count) in [("\(Self.urn):costCenterCode eq \"cc-42\"", 1), ("\(Self.urn):badgeID eq \"b1\"", 0),
                                    ("\(Self.urn):badgeID eq \"B1\"", 1), ("\(Self.urn):employeeBadge gt 11", 1),
                                    ("\(Self.urn):manager.displayName sw \"b\"", 1), ("\(Self.urn):skills eq \"Swift\"", 1)] {
                let found = try await client.get("/scim/v2/Users?filter=\(Self.encoded(filter))")
                #expect(found.status == 200, "\(filter): \(found.text)")
                #expect(found[attribute: "totalResults"] == .integer(Int64(count)), "\(filter): \(found.text)")
            }
            // A write-only value cannot be read back through a filter or an order (it was, one
            // character at a time: `secretPin sw "1"` found the user).
            for path in ["/scim/v2/Users?filter=\(Self.encoded("\(Self.urn):secretPin sw \"1\""))",
                         "/scim/v2/Users?filter=\(Self.encoded("secretPin eq \"1234\""))",
                         "/scim/v2/Users?sortBy=\(Self.urn):secretPin"] {
                let refused = try await client.get(path)
                #expect(refused.status == 400, "\(path): \(refused.text)")
                #expect(refused[attribute: "scimType"] == (path.contains("filter") ? "invalidFilter" : "invalidValue"), "\(refused.text)")
                #expect(!refused.text.contains("1234"))
            }
            // Sort: by the declared string attribute, ignoring case, missing last.
            _ = try await client.post("/scim/v2/Users", Self.user("cat@example.com", ["costCenterCode": "b"]))
            _ = try await client.post("/scim/v2/Users", Self.user("dan@example.com", ["costCenterCode": "A"]))
            _ = try await client.createUser("eve@example.com")
            for path in ["/scim/v2/Users?sortBy=\(Self.urn):costCenterCode", "/scim/v2/Users?sortBy=\(Self.urn):costCenterCode&cursor="] {
                let sorted = try await client.get(path)
                #expect(sorted.status == 200, "\(sorted.text)")
                let names = sorted[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "userName"]?.stringValue }
                #expect(names == ["dan@example.com", "cat@example.com", "ann@example.com", "eve@example.com"], "\(path)")
            }
            let descending = try await client.get("/scim/v2/Users?sortBy=\(Self.urn):costCenterCode&sortOrder=descending&filter=\(Self.encoded("\(Self.urn):costCenterCode pr"))")
            #expect(descending[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "userName"]?.stringValue }
                    == ["ann@example.com", "cat@example.com", "dan@example.com"], "\(descending.text)")
            #expect(try await client.get("/scim/v2/Users?sortBy=\(Self.urn):employeeBadge").status == 400)

            // PATCH: immutable and types enforced; a valid change applied.
            let immutable = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.urn):badgeID"), "value": "B2"]]))
            #expect(immutable.status == 400, "\(immutable.text)")
            #expect(immutable[attribute: "scimType"] == "mutability")
            // Removing an immutable value is changing it too (RFC 7643 §7): refused, kept.
            let removed = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "remove", "path": .string("\(Self.urn):badgeID")]]))
            #expect(removed.status == 400, "\(removed.text)")
            #expect(removed[attribute: "scimType"] == "mutability")
            let removedWhole = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "remove", "path": .string(Self.urn)]]))
            #expect(removedWhole.status == 400, "the whole extension holds the immutable value: \(removedWhole.text)")
            let replacedWhole = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string(Self.urn), "value": ["costCenterCode": "CC-42"]]]))
            // A replace of a complex target leaves the sub-attributes it does not name
            // unchanged (RFC 7644 §3.5.2.3): the immutable value stays, no refusal.
            #expect(replacedWhole.status == 200, "\(replacedWhole.text)")
            #expect(replacedWhole[attribute: Self.urn]?[attribute: "badgeID"] == "B1", "\(replacedWhole.text)")
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: Self.urn]?[attribute: "badgeID"] == "B1")
            let wrongType = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.urn):employeeBadge"), "value": "x"]]))
            #expect(wrongType.status == 400, "\(wrongType.text)")
            let patched = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.urn):costCenterCode"), "value": "CC-7"]]))
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched[attribute: Self.urn]?[attribute: "costCenterCode"] == "CC-7")
            #expect(patched[attribute: Self.urn]?[attribute: "badgeID"] == "B1")
            #expect(patched[attribute: Self.urn]?[attribute: "internalNote"] == nil, "this PATCH did not specify it")
            let noted = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.urn):internalNote"), "value": "m"]]))
            #expect(noted[attribute: Self.urn]?[attribute: "internalNote"] == "m", "\(noted.text)")
            let notedPathless = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "value": [Self.urn: ["internalNote": "o"]]]]))
            #expect(notedPathless[attribute: Self.urn]?[attribute: "internalNote"] == "o", "\(notedPathless.text)")
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: Self.urn]?[attribute: "internalNote"] == nil)

            // Category mapping from the declared attribute.
            let mapping = try await admin.patch("/api/v1/settings", ["categoryMapping": [["path": .string("\(Self.urn):costCenterCode"), "category": "costCenter"]]])
            #expect(mapping.status == 200, "\(mapping.text)")
            let remapped = try await client.patch("/scim/v2/Users/\(id)", SCIMBodies.patch([
                ["op": "replace", "path": .string("\(Self.urn):costCenterCode"), "value": "CC-8"]]))
            #expect(remapped.status == 200)
            let member = try await admin.get("/api/v1/members/\(id)")
            #expect(member[attribute: "categories"]?[attribute: "costCenter"] == ["CC-8"], "\(member.text)")

            // Another tenant sees none of it: its /Schemas, its User type, no typing.
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .scim, label: nil).plaintext
            let intruder = try live.client(token: otherToken)
            let otherSchemas = try await intruder.get("/scim/v2/Schemas")
            #expect(otherSchemas[attribute: "Resources"]?.arrayValue?.contains { $0[attribute: "id"] == .string(Self.urn) } == false)
            #expect(try await intruder.get("/scim/v2/Schemas/\(Self.urn)").status == 404)
            let otherType = try await intruder.get("/scim/v2/ResourceTypes/User")
            #expect(otherType[attribute: "schemaExtensions"]?.arrayValue?.count == 2, "\(otherType.text)")
            // Undeclared there: kept verbatim under the default `store` setting, untyped.
            let untyped = try await intruder.post("/scim/v2/Users", Self.user("ann@example.com", ["employeeBadge": "twelve"]))
            #expect(untyped.status == 201, "\(untyped.text)")

            // Removed: no longer served; the stored data is kept (the undeclared setting governs it).
            #expect(try await admin.delete("/api/v1/schemas/\(Self.urn)").status == 204)
            #expect(try await admin.delete("/api/v1/schemas/\(Self.urn)").status == 404)
            #expect(try await client.get("/scim/v2/Schemas/\(Self.urn)").status == 404)
            #expect(try await client.get("/scim/v2/Users/\(id)")[attribute: Self.urn]?[attribute: "costCenterCode"] == "CC-8")
        }
    }

    @Test("a refused declaration answers 400 naming what is wrong and stores nothing; PUT names the URN in its path")
    func refusals() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let bad: [(JSONValue, String)] = [
                (["id": "not-a-urn", "attributes": [["name": "a"]]], "not a URN"),
                (["id": .string(SCIMSchemaURN.enterpriseUser), "attributes": [["name": "a"]]], "own schema"),
                (["id": "urn:ietf:params:scim:schemas:core:2.0:Thing", "attributes": [["name": "a"]]], "reserved"),
                (["id": "urn:example:acme", "attributes": [["name": "2fast"]]], "not an attribute name"),
                (["id": "urn:example:acme", "attributes": [["name": "a", "type": "float"]]], "'type'"),
            ]
            for (body, phrase) in bad {
                let response = try await admin.post("/api/v1/schemas", body)
                #expect(response.status == 400, "\(response.text)")
                #expect(response[attribute: "detail"]?.stringValue?.contains(phrase) == true, "\(phrase): \(response.text)")
            }
            #expect(try await admin.get("/api/v1/schemas")[attribute: "items"]?.arrayValue?.isEmpty == true)
            let put = try await admin.put("/api/v1/schemas/urn:example:acme", ["attributes": [["name": "level", "type": "integer"]]])
            #expect(put.status == 201, "\(put.text)")
            let mismatch = try await admin.put("/api/v1/schemas/urn:example:acme", ["id": "urn:example:other", "attributes": [["name": "a"]]])
            #expect(mismatch.status == 400, "\(mismatch.text)")
            let overlap = try await admin.post("/api/v1/schemas", ["id": "urn:example:acme:sub", "attributes": [["name": "a"]]])
            #expect(overlap.status == 409, "\(overlap.text)")
            #expect(try await admin.get("/api/v1/schemas/urn:example:acme")[attribute: "attributes"]?.arrayValue?.count == 1)
        }
    }
}
