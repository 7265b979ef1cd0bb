import Testing
@testable import SCIM

@Suite("Resource validation — RFC 7643 §2, §3, §7; RFC 7644 §3.3, §3.5.1")
struct ResourceValidatorTests {
    static let users = ResourceValidator(resourceType: .user)
    static let groups = ResourceValidator(resourceType: .group)
    static let user = SCIMSchemaURN.user
    static let enterprise = SCIMSchemaURN.enterpriseUser

    static func validator(for fixture: String) -> ResourceValidator {
        fixture.contains("group") ? groups : users
    }

    @Test("the RFC 7643 example fixtures exist")
    func fixturesExist() throws {
        #expect(try !Fixtures.names(in: "rfc7643").isEmpty)
    }

    @Test("every RFC 7643 example is a valid resource to create", arguments: try Fixtures.names(in: "rfc7643"))
    func rfcExamplesValidate(fixture: String) throws {
        let body = try Fixtures.json(fixture)
        let stored = try Self.validator(for: fixture).validate(body, for: .create)
        // RFC 7644 §3.3: id, meta and other readOnly attributes are the server's.
        #expect(stored[attribute: "id"] == nil)
        #expect(stored[attribute: "meta"] == nil)
        #expect(stored[attribute: "groups"] == nil)
        #expect(stored[attribute: "schemas"] == body[attribute: "schemas"])
        // Validating the stored form again changes nothing.
        #expect(try Self.validator(for: fixture).validate(stored, for: .create) == stored)
    }

    @Test("readOnly sub-attributes are ignored on input (manager.displayName)")
    func readOnlySubAttributesIgnored() throws {
        let stored = try Self.users.validate(Fixtures.json("rfc7643/8.3-enterprise-user.json"), for: .create)
        let manager = stored[attribute: Self.enterprise]?[attribute: "manager"]
        #expect(manager == ["value": "26118915-6090-4610-87e4-49d8ca9f808d", "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d"])
    }

    @Test("the password is stored but never returned (writeOnly, returned never)")
    func passwordNeverReturned() throws {
        let stored = try Self.users.validate(Fixtures.json("rfc7643/8.2-user-full.json"), for: .create)
        #expect(stored[attribute: "password"] == "t1meMa$heen")
        let response = try Self.users.validate(stored, for: .response)
        #expect(response[attribute: "password"] == nil)
        #expect(response[attribute: "userName"] == "bjensen@example.com")
    }

    @Test("string booleans become booleans (Entra 'True', OneLogin 'false')", arguments: [
        (JSONValue.string("True"), true), ("False", false), ("true", true), ("FALSE", false), (.bool(true), true),
    ] as [(JSONValue, Bool)])
    func stringBooleans(sent: JSONValue, expected: Bool) throws {
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", "active": sent,
                               "emails": [["value": "a@example.com", "Primary": sent]]]
        let stored = try Self.users.validate(body, for: .create)
        #expect(stored[attribute: "active"] == .bool(expected))
        #expect(stored[attribute: "emails"] == [["value": "a@example.com", "primary": .bool(expected)]])
    }

    @Test("attribute names are stored in the schema's spelling")
    func canonicalNames() throws {
        let body: JSONValue = ["Schemas": [.string(Self.user)], "UserName": "bjensen", "Active": "True",
                               "NAME": ["GivenName": "Barbara"], "DisplayName": "Babs",
                               "urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User": ["Department": "Tours"]]
        let stored = try Self.users.validate(body, for: .create)
        #expect(stored.objectValue?.keys == ["schemas", "userName", "active", "name", "displayName", Self.enterprise])
        #expect(stored[attribute: "name"]?.objectValue?.keys == ["givenName"])
        #expect(stored[attribute: Self.enterprise]?.objectValue?.keys == ["department"])
        #expect(stored[attribute: "schemas"] == [.string(Self.user), .string(Self.enterprise)])
    }

    @Test("values of the wrong type are invalidValue naming the attribute", arguments: [
        ("active", JSONValue.string("yes"), "active"),
        ("active", .integer(1), "active"),
        ("userName", .integer(7), "userName"),
        ("name", .string("Babs"), "name"),
        ("name", ["givenName": 3], "name.givenName"),
        ("displayName", ["a", "b"], "displayName"),
        ("emails", [["value": "a@b.c", "primary": "maybe"]], "emails[0].primary"),
        ("emails", ["a@b.c"], "emails[0]"),
        ("x509Certificates", [["value": "not base64!"]], "x509Certificates[0].value"),
        ("profileUrl", .bool(true), "profileUrl"),
    ] as [(String, JSONValue, String)])
    func rejectsWrongTypes(attribute: String, value: JSONValue, path: String) {
        var object = JSONObject([.init(key: "schemas", value: [.string(Self.user)]), .init(key: "userName", value: "a")])
        object[attribute: attribute] = value
        let error = #expect(throws: SCIMError.self) { try Self.users.validate(.object(object), for: .create) }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("'\(path)'") == true, "\(error?.detail ?? "")")
    }

    @Test("required attributes must have a value", arguments: [
        (ResourceType.user, ["schemas": [.string(SCIMSchemaURN.user)]] as JSONValue, "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": ""], "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": nil], "userName"),
        (.group, ["schemas": [.string(SCIMSchemaURN.group)], "members": []], "displayName"),
        (.group, ["schemas": [.string(SCIMSchemaURN.group)], "displayName": ""], "displayName"),
        // Blank is empty: the member domain refuses such a userName (it was a 500).
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "   "], "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "\t"], "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "\n"], "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "\u{00A0}"], "userName"),
        (.user, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "\u{200B} \u{2028}"], "userName"),
        (.group, ["schemas": [.string(SCIMSchemaURN.group)], "displayName": "  "], "displayName"),
    ] as [(ResourceType, JSONValue, String)])
    func requiresAttributes(resourceType: ResourceType, body: JSONValue, path: String) {
        let error = #expect(throws: SCIMError.self) {
            try ResourceValidator(resourceType: resourceType).validate(body, for: .create)
        }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("'\(path)' is required") == true, "\(error?.detail ?? "")")
    }

    @Test("'schemas' must be present and list the core schema", arguments: [
        ["userName": "a"] as JSONValue,
        ["schemas": [], "userName": "a"],
        ["schemas": [.string(SCIMSchemaURN.group)], "userName": "a"],
        ["schemas": [1], "userName": "a"],
        ["schemas": ["a": 1], "userName": "a"],
        [.string(SCIMSchemaURN.user)],
        "userName",
    ])
    func requiresCoreSchema(body: JSONValue) {
        let error = #expect(throws: SCIMError.self) { try Self.users.validate(body, for: .create) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test("an undeclared extension object is invalidSyntax naming its URN")
    func rejectsUndeclaredExtension() {
        let urn = "urn:ietf:params:scim:schemas:extension:acme:2.0:User"
        let body: JSONValue = ["schemas": [.string(Self.user), .string(urn)], "userName": "a", .init(urn): ["x": 1]]
        let error = #expect(throws: SCIMError.self) { try Self.users.validate(body, for: .create) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains(urn) == true)
    }

    @Test("unknown schema URIs without data are dropped from 'schemas' (Entra's ADSCIM Group URI)")
    func toleratesForeignSchemaURIs() throws {
        let microsoft = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.group), .string(microsoft)],
                               "externalId": "8aa1a0c0", "displayName": "displayName", "meta": ["resourceType": "Group"]]
        let stored = try Self.groups.validate(body, for: .create)
        #expect(stored == ["schemas": [.string(SCIMSchemaURN.group)], "externalId": "8aa1a0c0", "displayName": "displayName"])
    }

    @Test("an extension with data but not listed is added to 'schemas', or rejected when strict", arguments: [false, true])
    func unlistedExtension(strict: Bool) throws {
        // Entra once sent the typo'd "…enterprise:2.0User" in schemas (idp-behaviours §1).
        let body: JSONValue = ["schemas": [.string(Self.user), "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
                               "userName": "a", .init(Self.enterprise): ["department": "Tours"]]
        let validator = ResourceValidator(resourceType: .user, options: .init(requiresListedExtensions: strict))
        if strict {
            let error = #expect(throws: SCIMError.self) { try validator.validate(body, for: .create) }
            #expect(error?.scimType == .invalidSyntax)
        } else {
            let stored = try validator.validate(body, for: .create)
            #expect(stored[attribute: "schemas"] == [.string(Self.user), .string(Self.enterprise)])
        }
    }

    @Test("unknown attributes are rejected by default and dropped when configured", arguments: [
        ("favouriteColour", "favouriteColour"), ("name", "name.nickname"),
    ])
    func unknownAttributes(attribute: String, path: String) throws {
        let value: JSONValue = attribute == "name" ? ["nickname": "Babs"] : "blue"
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", .init(attribute): value]
        let error = #expect(throws: SCIMError.self) { try Self.users.validate(body, for: .create) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains("'\(path)'") == true, "\(error?.detail ?? "")")
        let lenient = ResourceValidator(resourceType: .user, options: .init(unknownAttributes: .drop))
        #expect(try lenient.validate(body, for: .create) == ["schemas": [.string(Self.user)], "userName": "a"])
    }

    @Test("undeclared extensions: kept verbatim and listed when kept, dropped when ignored, named when rejected",
          arguments: [ResourceValidator.Options(unknownAttributes: .drop, keepsUndeclaredExtensions: true),
                      ResourceValidator.Options(unknownAttributes: .drop), ResourceValidator.Options()])
    func undeclaredExtensions(options: ResourceValidator.Options) throws {
        // Okta's documented custom extension, not listed in `schemas` (Entra omits it on
        // create, per ServiceNow KB2668604), plus a qualified key and a foreign core field.
        let urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", "favouriteColour": "blue",
                               .init(urn): ["customAttribute": "x", "costCenter": ["code": 42]],
                               .init(urn + ":employeeLevel"): "L3", .init(urn + ":gone"): nil]
        let validator = ResourceValidator(resourceType: .user, options: options)
        if options.keepsUndeclaredExtensions {
            let stored = try validator.validate(body, for: .create)
            #expect(stored == ["schemas": [.string(Self.user), .string(urn)], "userName": "a",
                               .init(urn): ["customAttribute": "x", "costCenter": ["code": 42], "employeeLevel": "L3"]])
        } else if options.unknownAttributes == .drop {
            #expect(try validator.validate(body, for: .create) == ["schemas": [.string(Self.user)], "userName": "a"])
        } else {
            let error = #expect(throws: SCIMError.self) { try validator.validate(body, for: .create) }
            #expect(error?.scimType == .invalidSyntax)
        }
    }

    @Test("a top-level key qualifying a declared extension's attribute is validated inside that extension, in every policy",
          arguments: [ResourceValidator.Options(unknownAttributes: .drop, keepsUndeclaredExtensions: true), ResourceValidator.Options()])
    func qualifiedDeclaredExtensionKey(options: ResourceValidator.Options) throws {
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a",
                               .init(Self.enterprise): ["costCenter": "4130"], .init(Self.enterprise + ":department"): "Tours"]
        let stored = try ResourceValidator(resourceType: .user, options: options).validate(body, for: .create)
        #expect(stored == ["schemas": [.string(Self.user), .string(Self.enterprise)], "userName": "a",
                           .init(Self.enterprise): ["costCenter": "4130", "department": "Tours"]])
        let wrongType: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", .init(Self.enterprise + ":department"): 7]
        let error = #expect(throws: SCIMError.self) { try ResourceValidator(resourceType: .user, options: options).validate(wrongType, for: .create) }
        #expect(error?.scimType == .invalidValue)
    }

    @Test("a PATCH keeps what an earlier setting stored and the PATCH left alone, even when rejecting")
    func patchKeepsStoredUndeclaredExtension() throws {
        let urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"
        let stored: JSONValue = ["schemas": [.string(Self.user), .string(urn)], "userName": "a", .init(urn): ["x": "1"]]
        var patched = try #require(stored.objectValue)
        patched["displayName"] = "A"
        let result = try Self.users.validate(.object(patched), for: .patch, existing: stored)
        #expect(result[attribute: urn] == ["x": "1"])
        patched[urn] = ["x": "2"]
        let error = #expect(throws: SCIMError.self) { try Self.users.validate(.object(patched), for: .patch, existing: stored) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test("nulls are unassigned and dropped (RFC 7643 §2.5; Entra sends them)")
    func nullsDropped() throws {
        let body: JSONValue = ["schemas": [.string(Self.user), .string(Self.enterprise)], "userName": "a",
                               "addresses": nil, "phoneNumbers": nil, "title": nil, .init(Self.enterprise): ["manager": nil],
                               "id": nil]
        let stored = try Self.users.validate(body, for: .create)
        #expect(stored == ["schemas": [.string(Self.user), .string(Self.enterprise)], "userName": "a"])
    }

    @Test("a single value for a multi-valued attribute is wrapped in an array")
    func wrapsSingleValues() throws {
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", "emails": ["value": "a@example.com"]]
        let stored = try Self.users.validate(body, for: .create)
        #expect(stored[attribute: "emails"] == [["value": "a@example.com"]])
    }

    @Test("empty multi-valued attributes are kept as sent (Entra expects \"members\": [])")
    func keepsEmptyArrays() throws {
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.group)], "displayName": "g", "members": []]
        #expect(try Self.groups.validate(body, for: .create)[attribute: "members"] == [])
    }

    @Test("only the last of several primary values stays primary (RFC 7643 §2.4)")
    func normalisesPrimary() throws {
        let body: JSONValue = ["schemas": [.string(Self.user)], "userName": "a", "emails": [
            ["value": "a@x", "primary": true], ["value": "b@x", "primary": "True"], ["value": "c@x"],
        ]]
        let stored = try Self.users.validate(body, for: .create)
        #expect(stored[attribute: "emails"] == [["value": "a@x", "primary": false], ["value": "b@x", "primary": true], ["value": "c@x"]])
    }

    @Test("decimals accept integers; dateTimes must be xsd:dateTime", arguments: [
        (JSONValue.integer(3), JSONValue?.some(.decimal(3)), "2020-01-01T00:00:00Z"),
        (.decimal(2.5), .decimal(2.5), "2020-01-01T00:00:00+02:00"),
        (.decimal(2.5), nil, "2020-13-01T00:00:00Z"),
        (.decimal(2.5), nil, "yesterday"),
    ] as [(JSONValue, JSONValue?, String)])
    func numbersAndDates(score: JSONValue, expected: JSONValue?, date: String) throws {
        let schema = Schema(id: "urn:example:Thing", name: "Thing", description: "", attributes: [
            AttributeDefinition(name: "score", type: .decimal), AttributeDefinition(name: "seen", type: .dateTime),
        ])
        let validator = ResourceValidator(resourceType: ResourceType(name: "Thing", endpoint: "/Things", description: "", schema: schema, extensions: []))
        let body: JSONValue = ["schemas": ["urn:example:Thing"], "score": score, "seen": .string(date)]
        if let expected {
            #expect(try validator.validate(body, for: .create)[attribute: "score"] == expected)
        } else {
            let error = #expect(throws: SCIMError.self) { try validator.validate(body, for: .create) }
            #expect(error?.detail.contains("'seen'") == true)
        }
    }

    @Test("a core attribute written with its schema URN is stored under its plain name (RFC 7644 §3.10)")
    func qualifiedCoreAttribute() throws {
        let body: JSONValue = ["schemas": [.string(Self.user)], .init(Self.user + ":userName"): "bjensen"]
        #expect(try Self.users.validate(body, for: .create) == ["schemas": [.string(Self.user)], "userName": "bjensen"])
    }

    @Test("Okta's create and PUT bodies are accepted: password kept, groups, id and meta ignored")
    func oktaBodies() throws {
        let create: JSONValue = ["schemas": [.string(Self.user)], "userName": "test.user@okta.local",
                                 "name": ["givenName": "Test", "familyName": "User"],
                                 "emails": [["primary": true, "value": "test.user@okta.local", "type": "work"]],
                                 "displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
                                 "groups": [], "password": "1mz050nq", "active": true]
        let stored = try Self.users.validate(create, for: .create)
        #expect(stored[attribute: "groups"] == nil)
        #expect(stored[attribute: "password"] == "1mz050nq")
        var put = stored.objectValue ?? JSONObject()
        put["id"] = "2819c223"
        put["meta"] = ["resourceType": "User"]
        put["active"] = false
        let replaced = try Self.users.validate(.object(put), for: .replace, existing: stored)
        #expect(replaced[attribute: "active"] == false)
        #expect(replaced[attribute: "id"] == nil)
    }
}
