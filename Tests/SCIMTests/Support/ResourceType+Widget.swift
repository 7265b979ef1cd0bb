@testable import SCIM

/// A small resource type with one attribute of every RFC 7643 §2.3 type, so that the
/// operator × type × caseExact tables do not depend on which types the User schema
/// happens to use.
extension ResourceType {
    static let widgetURN = "urn:example:params:scim:schemas:core:2.0:Widget"
    static let acmeURN = "urn:example:params:scim:schemas:extension:acme:2.0:Widget"

    static let widget = ResourceType(
        name: "Widget", endpoint: "/Widgets", description: "Test widget",
        schema: Schema(id: widgetURN, name: "Widget", description: "Test widget", attributes: [
            AttributeDefinition(name: "label"),
            AttributeDefinition(name: "code", isCaseExact: true),
            AttributeDefinition(name: "count", type: .integer),
            AttributeDefinition(name: "weight", type: .decimal),
            AttributeDefinition(name: "enabled", type: .boolean),
            AttributeDefinition(name: "shippedAt", type: .dateTime),
            AttributeDefinition(name: "blob", type: .binary),
            AttributeDefinition(name: "homepage", type: .reference, referenceTypes: ["external"]),
            AttributeDefinition(name: "tags", isMultiValued: true),
            AttributeDefinition(name: "scores", type: .integer, isMultiValued: true),
            AttributeDefinition(name: "parts", type: .complex, isMultiValued: true, subAttributes: [
                AttributeDefinition(name: "value"),
                AttributeDefinition(name: "kind"),
                AttributeDefinition(name: "primary", type: .boolean),
                AttributeDefinition(name: "size", type: .integer),
            ]),
            AttributeDefinition(name: "dims", type: .complex, subAttributes: [
                AttributeDefinition(name: "height", type: .decimal),
                AttributeDefinition(name: "unit", isCaseExact: true),
                AttributeDefinition(name: "note", mutability: .readOnly),
                AttributeDefinition(name: "serial", mutability: .immutable),
            ]),
            AttributeDefinition(name: "stamp", mutability: .readOnly),
            AttributeDefinition(name: "frozen", mutability: .immutable),
            AttributeDefinition(name: "mandatory", isRequired: true),
            AttributeDefinition(name: "secret", mutability: .writeOnly, returned: .never),
        ]),
        extensions: [
            Extension(schema: Schema(id: acmeURN, name: "Acme", description: "Acme extension", attributes: [
                AttributeDefinition(name: "cost", type: .decimal),
                AttributeDefinition(name: "owner", type: .complex, subAttributes: [
                    AttributeDefinition(name: "value", isCaseExact: true),
                    AttributeDefinition(name: "display"),
                ]),
            ]), isRequired: false),
        ])

    /// A widget with every attribute set.
    static let sampleWidget: JSONObject = JSONValue.object(from: [
        "schemas": [.string(widgetURN), .string(acmeURN)],
        "id": "w-1",
        "externalId": "EXT-1",
        "label": "Blue Widget",
        "code": "AbC-42",
        "count": 42,
        "weight": 2.5,
        "enabled": true,
        "shippedAt": "2024-03-10T12:00:00+02:00",
        "blob": "SGVsbG8=",
        "homepage": "https://example.com/Widgets/w-1",
        "tags": ["Red", "green"],
        "scores": [3, 7],
        "parts": [
            ["value": "bolt", "kind": "metal", "primary": true, "size": 5],
            ["value": "Nut", "kind": "metal", "size": 3],
            ["value": "washer", "kind": "rubber"],
        ],
        "dims": ["height": 10.5, "unit": "cm"],
        "mandatory": "yes",
        "meta": ["resourceType": "Widget", "created": "2024-01-01T00:00:00Z", "lastModified": "2024-06-01T08:30:00.250Z"],
        acmeURN: ["cost": 19.99, "owner": ["value": "U-7", "display": "Ann"]],
    ])
}

