import Testing
@testable import SCIM

@Suite("/Schemas and /ResourceTypes representations — RFC 7643 §6, §7, §8.6, §8.7")
struct SchemaRepresentationTests {
    static let baseURL = "https://example.com/scim/v2"
    static let goldenFiles: [(String, String)] = [
        ("spec/schemas/User.json", SCIMSchemaURN.user),
        ("spec/schemas/Group.json", SCIMSchemaURN.group),
        ("spec/schemas/EnterpriseUser.json", SCIMSchemaURN.enterpriseUser),
        ("spec/schemas/PercolatorUser.json", SCIMSchemaURN.percolatorUser),
    ]

    @Test("each schema representation matches its golden file", arguments: goldenFiles)
    func schemaMatchesGoldenFile(path: String, urn: String) throws {
        let schema = try #require(ResourceType.servedSchemas.first { $0.id == urn })
        try GoldenFile.check(schema.representation(baseURL: Self.baseURL), against: path)
    }

    @Test("the resource types match their golden file")
    func resourceTypesMatchGoldenFile() throws {
        let value = JSONValue.array(ResourceType.all.map { $0.representation(baseURL: Self.baseURL) })
        try GoldenFile.check(value, against: "spec/schemas/ResourceTypes.json")
    }

    @Test("every served schema has a golden file")
    func everySchemaHasAGoldenFile() {
        #expect(Set(ResourceType.servedSchemas.map(\.id)) == Set(Self.goldenFiles.map(\.1)))
    }

    @Test("meta carries the resource type and a location under the base URL, trailing slash or not",
          arguments: ["https://example.com/scim/v2", "https://example.com/scim/v2/"])
    func metaLocation(baseURL: String) {
        let schema = Schema.user.representation(baseURL: baseURL)
        #expect(schema[attribute: "meta"] == ["resourceType": "Schema", "location": "https://example.com/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"])
        let group = ResourceType.group.representation(baseURL: baseURL)
        #expect(group[attribute: "meta"] == ["resourceType": "ResourceType", "location": "https://example.com/scim/v2/ResourceTypes/Group"])
        #expect(group[attribute: "schemaExtensions"] == nil)
    }

    @Test("attribute entries carry the §7 characteristics in the §8.7.1 order")
    func attributeShape() {
        let userName = Schema.user.attributes[0].representation
        #expect(userName.objectValue?.keys == ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"])
        let emails = Schema.user.attribute(named: "emails")?.representation
        #expect(emails?.objectValue?.keys == ["name", "type", "multiValued", "description", "required", "subAttributes", "mutability", "returned", "uniqueness"])
        let profileUrl = Schema.user.attribute(named: "profileUrl")?.representation
        #expect(profileUrl?[attribute: "referenceTypes"] == ["external"])
    }

    @Test("the golden-file diff shows removed and added lines with their numbers")
    func diffShowsChanges() {
        let diff = GoldenFile.lineDiff(from: "a\nb\nc", to: "a\nB\nc\nd")
        #expect(diff == "+2: B\n-2: b\n+4: d")
    }
}
