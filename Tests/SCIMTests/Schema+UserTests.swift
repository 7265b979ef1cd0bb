import Testing
@testable import SCIM

/// Finds `attr` or `attr.sub` in a schema, for characteristic tables.
func definition(_ path: String, in schema: Schema) -> AttributeDefinition? {
    let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
    guard let top = schema.attribute(named: parts[0]) ?? Schema.commonAttribute(named: parts[0]) else { return nil }
    return parts.count == 2 ? top.subAttribute(named: parts[1]) : top
}

@Suite("Core User schema — RFC 7643 §4.1, §8.7.1")
struct SchemaUserTests {
    @Test("top-level attributes are exactly the RFC's, in its order")
    func attributeNames() {
        #expect(Schema.user.attributes.map(\.name) == [
            "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType",
            "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers",
            "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates",
        ])
        #expect(Schema.user.id == SCIMSchemaURN.user)
    }

    @Test("characteristics follow the RFC", arguments: [
        ("userName", AttributeType.string, false, true, Mutability.readWrite, Returned.default, Uniqueness.server),
        ("name", .complex, false, false, .readWrite, .default, .none),
        ("name.givenName", .string, false, false, .readWrite, .default, .none),
        ("profileUrl", .reference, false, false, .readWrite, .default, .none),
        ("active", .boolean, false, false, .readWrite, .default, .none),
        ("password", .string, false, false, .writeOnly, .never, .none),
        ("emails", .complex, true, false, .readWrite, .default, .none),
        ("emails.value", .string, false, false, .readWrite, .default, .none),
        ("emails.primary", .boolean, false, false, .readWrite, .default, .none),
        ("phoneNumbers.type", .string, false, false, .readWrite, .default, .none),
        ("photos.value", .reference, false, false, .readWrite, .default, .none),
        ("addresses.locality", .string, false, false, .readWrite, .default, .none),
        ("groups", .complex, true, false, .readOnly, .default, .none),
        ("groups.value", .string, false, false, .readOnly, .default, .none),
        ("groups.$ref", .reference, false, false, .readOnly, .default, .none),
        ("x509Certificates.value", .binary, false, false, .readWrite, .default, .none),
        ("id", .string, false, false, .readOnly, .always, .server),
        ("externalId", .string, false, false, .readWrite, .default, .none),
        ("meta", .complex, false, false, .readOnly, .default, .none),
        ("meta.lastModified", .dateTime, false, false, .readOnly, .default, .none),
    ] as [(String, AttributeType, Bool, Bool, Mutability, Returned, Uniqueness)])
    func characteristics(path: String, type: AttributeType, multiValued: Bool, required: Bool,
                         mutability: Mutability, returned: Returned, uniqueness: Uniqueness) throws {
        let attribute = try #require(definition(path, in: .user))
        #expect(attribute.type == type)
        #expect(attribute.isMultiValued == multiValued)
        #expect(attribute.isRequired == required)
        #expect(attribute.mutability == mutability)
        #expect(attribute.returned == returned)
        #expect(attribute.uniqueness == uniqueness)
    }

    @Test("canonical type values follow the RFC", arguments: [
        ("emails.type", ["work", "home", "other"]),
        ("phoneNumbers.type", ["work", "home", "mobile", "fax", "pager", "other"]),
        ("ims.type", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
        ("photos.type", ["photo", "thumbnail"]),
        ("addresses.type", ["work", "home", "other"]),
        ("groups.type", ["direct", "indirect"]),
    ])
    func canonicalValues(path: String, values: [String]) throws {
        #expect(try #require(definition(path, in: .user)).canonicalValues == values)
    }

    @Test("id, externalId and meta.version are caseExact; userName is not", arguments: [
        ("id", true), ("externalId", true), ("meta.version", true), ("userName", false), ("emails.value", false),
    ])
    func caseExactness(path: String, caseExact: Bool) throws {
        #expect(try #require(definition(path, in: .user)).isCaseExact == caseExact)
    }
}
