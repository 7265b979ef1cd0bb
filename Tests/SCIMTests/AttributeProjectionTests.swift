import Testing
@testable import SCIM

/// Expands `$U`, `$E` and `$G` to the User, Enterprise User and Group URNs and parses.
func projectionJSON(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text
        .replacingOccurrences(of: "$U", with: SCIMSchemaURN.user)
        .replacingOccurrences(of: "$E", with: SCIMSchemaURN.enterpriseUser)
        .replacingOccurrences(of: "$G", with: SCIMSchemaURN.group))
}

private func expand(_ text: String?) -> String? {
    text?.replacingOccurrences(of: "$U", with: SCIMSchemaURN.user)
        .replacingOccurrences(of: "$E", with: SCIMSchemaURN.enterpriseUser)
}

@Suite("attributes / excludedAttributes — RFC 7644 §3.4.2.5, §3.9; RFC 7643 §7 returned")
struct AttributeProjectionTests {
    static let user = #"""
    {"schemas":["$U","$E"],"id":"1","externalId":"x","userName":"bjensen",
     "name":{"givenName":"Barbara","familyName":"Jensen"},"displayName":"Babs","password":"p",
     "emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}],
     "groups":[{"value":"g1","display":"G"}],"meta":{"resourceType":"User","version":"v1"},
     "$E":{"department":"Tours","manager":{"value":"m","displayName":"John"}}}
    """#
    static let all = #"""
    {"schemas":["$U","$E"],"id":"1","externalId":"x","userName":"bjensen",
     "name":{"givenName":"Barbara","familyName":"Jensen"},"displayName":"Babs",
     "emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}],
     "groups":[{"value":"g1","display":"G"}],"meta":{"resourceType":"User","version":"v1"},
     "$E":{"department":"Tours","manager":{"value":"m","displayName":"John"}}}
    """#
    static let s = #""schemas":["$U","$E"],"id":"1""#

    static let userCases: [(String?, String?, String)] = [
        (nil, nil, all),
        ("userName", nil, #"{\#(s),"userName":"bjensen"}"#),
        ("USERNAME", nil, #"{\#(s),"userName":"bjensen"}"#),
        ("name.givenName", nil, #"{\#(s),"name":{"givenName":"Barbara"}}"#),
        ("name", nil, #"{\#(s),"name":{"givenName":"Barbara","familyName":"Jensen"}}"#),
        ("emails.value", nil, #"{\#(s),"emails":[{"value":"a@x"},{"value":"b@x"}]}"#),
        ("emails", nil, #"{\#(s),"emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}]}"#),
        ("emails.value,emails.type", nil, #"{\#(s),"emails":[{"value":"a@x","type":"work"},{"value":"b@x","type":"home"}]}"#),
        ("emails.value,emails", nil, #"{\#(s),"emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}]}"#),
        ("emails.primary", nil, #"{\#(s),"emails":[{"primary":true}]}"#),
        ("password", nil, #"{\#(s)}"#),
        ("id", nil, #"{\#(s)}"#),
        ("meta", nil, #"{\#(s),"meta":{"resourceType":"User","version":"v1"}}"#),
        ("meta.version", nil, #"{\#(s),"meta":{"version":"v1"}}"#),
        ("meta.resourceType,meta.version", nil, #"{\#(s),"meta":{"resourceType":"User","version":"v1"}}"#),
        ("$E:department", nil, #"{\#(s),"$E":{"department":"Tours"}}"#),
        ("urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user:Department", nil, #"{\#(s),"$E":{"department":"Tours"}}"#),
        ("$E", nil, #"{\#(s),"$E":{"department":"Tours","manager":{"value":"m","displayName":"John"}}}"#),
        ("$E:manager.value", nil, #"{\#(s),"$E":{"manager":{"value":"m"}}}"#),
        ("$E:manager", nil, #"{\#(s),"$E":{"manager":{"value":"m","displayName":"John"}}}"#),
        ("$U:userName", nil, #"{\#(s),"userName":"bjensen"}"#),
        ("$U:name.givenName", nil, #"{\#(s),"name":{"givenName":"Barbara"}}"#),
        ("department", nil, #"{\#(s),"$E":{"department":"Tours"}}"#),
        (#"emails[type eq "work"]"#, nil, #"{\#(s),"emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}]}"#),
        (#"emails[type eq "work,home"].value,userName"#, nil, #"{\#(s),"userName":"bjensen","emails":[{"value":"a@x"},{"value":"b@x"}]}"#),
        ("userName, displayName", nil, #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        ("userName,,displayName,", nil, #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        ("nonexistent", nil, #"{\#(s)}"#),
        ("groups", nil, #"{\#(s),"groups":[{"value":"g1","display":"G"}]}"#),
        ("groups.display", nil, #"{\#(s),"groups":[{"display":"G"}]}"#),
        ("externalId,userName", nil, #"{\#(s),"externalId":"x","userName":"bjensen"}"#),
        ("name.middleName", nil, #"{\#(s)}"#),
        (nil, "userName", #"{\#(s),"externalId":"x","name":{"givenName":"Barbara","familyName":"Jensen"},"displayName":"Babs","emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}],"groups":[{"value":"g1","display":"G"}],"meta":{"resourceType":"User","version":"v1"},"$E":{"department":"Tours","manager":{"value":"m","displayName":"John"}}}"#),
        (nil, "name.givenName", #"{\#(s),"externalId":"x","userName":"bjensen","name":{"familyName":"Jensen"},"displayName":"Babs","emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@x","type":"home"}],"groups":[{"value":"g1","display":"G"}],"meta":{"resourceType":"User","version":"v1"},"$E":{"department":"Tours","manager":{"value":"m","displayName":"John"}}}"#),
        (nil, "name,emails,groups,meta,$E,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        (nil, "name.givenName,name.familyName,emails,groups,meta,$E,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        (nil, "emails.type,name,groups,meta,$E,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs","emails":[{"value":"a@x","primary":true},{"value":"b@x"}]}"#),
        (nil, "emails.value,emails.type,emails.primary,name,groups,meta,$E,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        (nil, "id,schemas,name,emails,groups,meta,$E,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        (nil, "$E:department,name,emails,groups,meta,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs","$E":{"manager":{"value":"m","displayName":"John"}}}"#),
        (nil, "$E:manager.displayName,name,emails,groups,meta,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs","$E":{"department":"Tours","manager":{"value":"m"}}}"#),
        (nil, "$E:department,$E:manager,name,emails,groups,meta,externalId", #"{\#(s),"userName":"bjensen","displayName":"Babs"}"#),
        (nil, "password", all),
        (nil, "members", all),
        (nil, "", all),
        ("", "", all),
        ("userName", "userName", #"{\#(s)}"#),
        ("name", "name.familyName", #"{\#(s),"name":{"givenName":"Barbara"}}"#),
        ("$E", "$E:manager", #"{\#(s),"$E":{"department":"Tours"}}"#),
        ("emails", "emails.primary", #"{\#(s),"emails":[{"value":"a@x","type":"work"},{"value":"b@x","type":"home"}]}"#),
    ]

    @Test("User projections", arguments: userCases)
    func projectsUser(attributes: String?, excluded: String?, expected: String) throws {
        let projection = AttributeProjection(attributes: expand(attributes), excludedAttributes: expand(excluded), resourceType: .user)
        let projected = projection.apply(to: try projectionJSON(Self.user))
        #expect(projected == (try projectionJSON(expected)), "\(projected.encodedString())")
    }

    static let groupCases: [(String?, String?, String)] = [
        (nil, "members", #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Tour Guides","meta":{"resourceType":"Group","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z","version":"W/\"3694e05e9dff592\"","location":"https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a"}}"#),
        ("displayName", nil, #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Tour Guides"}"#),
        ("members.value", nil, #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","members":[{"value":"2819c223-7f76-453a-919d-413861904646"},{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}"#),
        ("members.display", nil, #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","members":[{"display":"Babs Jensen"},{"display":"Mandy Pepperidge"}]}"#),
        ("displayName", "members", #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Tour Guides"}"#),
        ("externalId", nil, #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a"}"#),
        ("meta.location", nil, #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","meta":{"location":"https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a"}}"#),
        (nil, "members.$ref,members.display,meta", #"{"schemas":["$G"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Tour Guides","members":[{"value":"2819c223-7f76-453a-919d-413861904646"},{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}"#),
    ]

    @Test("Group projections (RFC 7643 §8.4 example)", arguments: groupCases)
    func projectsGroup(attributes: String?, excluded: String?, expected: String) throws {
        let projection = AttributeProjection(attributes: attributes, excludedAttributes: excluded, resourceType: .group)
        let projected = projection.apply(to: try Fixtures.json("rfc7643/8.4-group.json"))
        #expect(projected == (try projectionJSON(expected)), "\(projected.encodedString())")
    }

    static let badge = Schema(id: "urn:example:Badge", name: "Badge", description: "", attributes: [
        AttributeDefinition(name: "token", returned: .request),
        AttributeDefinition(name: "code", returned: .always),
        AttributeDefinition(name: "hidden", returned: .never),
        AttributeDefinition(name: "box", type: .complex, subAttributes: [
            AttributeDefinition(name: "a"), AttributeDefinition(name: "b", returned: .request),
            AttributeDefinition(name: "c", returned: .always),
        ]),
    ])
    static let badgeType = ResourceType(name: "Badge", endpoint: "/Badges", description: "", schema: badge, extensions: [])

    @Test("returned always / request / never (RFC 7643 §7)", arguments: [
        (nil, nil, #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"a":1,"c":3}}"#),
        ("token", nil, #"{"schemas":["urn:example:Badge"],"id":"1","token":"t","code":"c"}"#),
        ("box.b", nil, #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"b":2,"c":3}}"#),
        ("box", nil, #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"a":1,"c":3}}"#),
        (nil, "code", #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"a":1,"c":3}}"#),
        (nil, "box.c,box.a", #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"c":3}}"#),
        ("hidden", nil, #"{"schemas":["urn:example:Badge"],"id":"1","code":"c"}"#),
        (nil, "token", #"{"schemas":["urn:example:Badge"],"id":"1","code":"c","box":{"a":1,"c":3}}"#),
    ] as [(String?, String?, String)])
    func returnedCharacteristic(attributes: String?, excluded: String?, expected: String) throws {
        let resource = try JSONParser.parse(#"{"schemas":["urn:example:Badge"],"id":"1","token":"t","code":"c","hidden":"h","box":{"a":1,"b":2,"c":3}}"#)
        let projection = AttributeProjection(attributes: attributes, excludedAttributes: excluded, resourceType: Self.badgeType)
        #expect(projection.apply(to: resource) == (try JSONParser.parse(expected)))
    }

    @Test("each resource of a list is projected (RFC 7644 §3.4.2 example)")
    func projectsEachResource() throws {
        let list = try Fixtures.json("rfc7644/3.4.2-list-response.json")
        let resources = try #require(list[attribute: "Resources"]?.arrayValue)
        let projected = AttributeProjection(attributes: "id", excludedAttributes: nil, resourceType: .user).apply(toEach: resources)
        #expect(projected == [["id": "2819c223-7f76-453a-919d-413861904646"], ["id": "c8596b90-7539-4f20-968d-1cd228bfd8a4"]])
    }

    @Test("list-form parameters from a /.search body behave like the query form")
    func listForm() throws {
        let fromLists = AttributeProjection(attributes: ["userName", "name.givenName"], excludedAttributes: [], resourceType: .user)
        let fromQuery = AttributeProjection(attributes: "userName,name.givenName", excludedAttributes: nil, resourceType: .user)
        let resource = try projectionJSON(Self.user)
        #expect(fromLists.apply(to: resource) == fromQuery.apply(to: resource))
        #expect(AttributeProjection.returnedByDefault(for: .user).apply(to: resource) == (try projectionJSON(Self.all)))
    }
}
