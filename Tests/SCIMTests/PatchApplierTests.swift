import Testing
@testable import SCIM

/// What a PATCH table row expects.
enum PatchOutcome: Sendable {
    /// The request succeeds and changes the resource; each key (see `lookup`) has the value (nil: absent).
    case values([String: JSONValue?])
    /// The request succeeds and changes nothing (`changed == false`).
    case unchanged
    /// The request fails with this keyword.
    case error(SCIMType)
}

@Suite("PATCH application — RFC 7644 §3.5.2")
struct PatchApplierTests {
    static let acme = ResourceType.acmeURN

    /// One row: a name, the Operations array, the outcome on `ResourceType.sampleWidget`.
    static let table: [(String, JSONValue, PatchOutcome)] = [
        // single-valued simple attributes
        ("replace a string", [["op": "replace", "path": "label", "value": "Red Widget"]], .values(["label": "Red Widget"])),
        ("add to a single-valued attribute replaces it", [["op": "add", "path": "label", "value": "X"]], .values(["label": "X"])),
        ("attribute names ignore case", [["op": "replace", "path": "LABEL", "value": "Y"]], .values(["label": "Y"])),
        ("remove a simple attribute", [["op": "remove", "path": "label"]], .values(["label": nil])),
        ("replace with null unassigns", [["op": "replace", "path": "label", "value": nil]], .values(["label": nil])),
        ("add null changes nothing", [["op": "add", "path": "label", "value": nil]], .unchanged),
        ("replace with the same value changes nothing", [["op": "replace", "path": "label", "value": "Blue Widget"]], .unchanged),
        ("replace of an absent attribute adds it (§3.5.2.3)", [["op": "replace", "path": "frozen", "value": "f"]], .values(["frozen": "f"])),
        ("remove of an absent attribute changes nothing", [["op": "remove", "path": "frozen"]], .unchanged),
        ("writeOnly attributes can be written", [["op": "replace", "path": "secret", "value": "pw"]], .values(["secret": "pw"])),
        ("unknown attribute", [["op": "add", "path": "nope", "value": "x"]], .error(.invalidPath)),
        ("array for a single-valued string", [["op": "add", "path": "label", "value": ["x"]]], .error(.invalidValue)),
        // types and normalisation
        ("integer from a string", [["op": "replace", "path": "count", "value": "5"]], .error(.invalidValue)),
        ("integer written as 5.0", [["op": "replace", "path": "count", "value": 5.0]], .values(["count": 5])),
        ("integer with a fraction", [["op": "replace", "path": "count", "value": 5.5]], .error(.invalidValue)),
        ("decimal from an integer", [["op": "replace", "path": "weight", "value": 3]], .values(["weight": 3.0])),
        ("decimal from a string", [["op": "replace", "path": "weight", "value": "3"]], .error(.invalidValue)),
        ("boolean from \"False\"", [["op": "replace", "path": "enabled", "value": "False"]], .values(["enabled": false])),
        ("boolean from \"TRUE\" on true changes nothing", [["op": "replace", "path": "enabled", "value": "TRUE"]], .unchanged),
        ("boolean from \"yes\"", [["op": "replace", "path": "enabled", "value": "yes"]], .error(.invalidValue)),
        ("boolean from 0", [["op": "replace", "path": "enabled", "value": 0]], .error(.invalidValue)),
        ("dateTime kept as sent", [["op": "replace", "path": "shippedAt", "value": "2025-01-01T00:00:00.5+01:00"]],
         .values(["shippedAt": "2025-01-01T00:00:00.5+01:00"])),
        ("dateTime that does not parse", [["op": "replace", "path": "shippedAt", "value": "soon"]], .error(.invalidValue)),
        ("binary from a number", [["op": "replace", "path": "blob", "value": 5]], .error(.invalidValue)),
        ("reference from an object", [["op": "replace", "path": "homepage", "value": ["a": 1]]], .error(.invalidValue)),
        // mutability
        ("readOnly attribute", [["op": "replace", "path": "stamp", "value": "x"]], .error(.mutability)),
        ("id", [["op": "replace", "path": "id", "value": "w-2"]], .error(.mutability)),
        ("externalId is writable", [["op": "replace", "path": "externalId", "value": "EXT-2"]], .values(["externalId": "EXT-2"])),
        ("meta", [["op": "add", "path": "meta", "value": ["version": "x"]]], .error(.mutability)),
        ("meta.lastModified", [["op": "replace", "path": "meta.lastModified", "value": "2025-01-01T00:00:00Z"]], .error(.mutability)),
        ("schemas", [["op": "replace", "path": "schemas", "value": ["urn:x"]]], .error(.mutability)),
        ("remove schemas", [["op": "remove", "path": "schemas"]], .error(.mutability)),
        ("immutable without a value may be added", [["op": "add", "path": "frozen", "value": "a"]], .values(["frozen": "a"])),
        ("immutable with a value may not change",
         [["op": "add", "path": "frozen", "value": "a"], ["op": "replace", "path": "frozen", "value": "b"]], .error(.mutability)),
        ("immutable set to its own value",
         [["op": "add", "path": "frozen", "value": "a"], ["op": "replace", "path": "frozen", "value": "a"]], .values(["frozen": "a"])),
        ("immutable with a value may not be removed",
         [["op": "add", "path": "frozen", "value": "a"], ["op": "remove", "path": "frozen"]], .error(.mutability)),
        ("required attribute may not be removed", [["op": "remove", "path": "mandatory"]], .error(.mutability)),
        ("required attribute may not be nulled", [["op": "replace", "path": "mandatory", "value": nil]], .error(.mutability)),
        ("required attribute may be replaced", [["op": "replace", "path": "mandatory", "value": "no"]], .values(["mandatory": "no"])),
        ("readOnly sub-attribute", [["op": "add", "path": "dims.note", "value": "x"]], .error(.mutability)),
        ("immutable sub-attribute first set", [["op": "add", "path": "dims.serial", "value": "S1"]], .values(["dims.serial": "S1"])),
        ("immutable sub-attribute changed",
         [["op": "add", "path": "dims.serial", "value": "S1"], ["op": "replace", "path": "dims.serial", "value": "S2"]],
         .error(.mutability)),
        ("all or nothing: a later failure undoes an earlier success",
         [["op": "replace", "path": "label", "value": "Z"], ["op": "replace", "path": "stamp", "value": "x"]], .error(.mutability)),
        // multi-valued simple
        ("add appends", [["op": "add", "path": "tags", "value": ["blue"]]], .values(["tags": ["Red", "green", "blue"]])),
        ("add skips identical values", [["op": "add", "path": "tags", "value": ["Red"]]], .unchanged),
        ("add a single value to a multi-valued attribute", [["op": "add", "path": "tags", "value": "solo"]],
         .values(["tags": ["Red", "green", "solo"]])),
        ("replace all values", [["op": "replace", "path": "tags", "value": ["x"]]], .values(["tags": ["x"]])),
        ("replace with [] unassigns", [["op": "replace", "path": "tags", "value": []]], .values(["tags": nil])),
        ("add [] changes nothing", [["op": "add", "path": "tags", "value": []]], .unchanged),
        ("remove all values", [["op": "remove", "path": "tags"]], .values(["tags": nil])),
        ("remove listed values", [["op": "remove", "path": "tags", "value": ["Red"]]], .values(["tags": ["green"]])),
        ("add values of the wrong type", [["op": "add", "path": "tags", "value": [5]]], .error(.invalidValue)),
        ("add integers", [["op": "add", "path": "scores", "value": [7, 8]]], .values(["scores": [3, 7, 8]])),
        // multi-valued complex, filters, primary
        ("add a primary value clears the old primary (RFC 7643 §2.4)",
         [["op": "add", "path": "parts", "value": [["value": "gear", "kind": "metal", "primary": true]]]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": false, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber"], ["value": "gear", "kind": "metal", "primary": true]]])),
        ("primary sent as a string is normalised",
         [["op": "add", "path": "parts", "value": [["value": "gear", "primary": "True"]]]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": false, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber"], ["value": "gear", "primary": true]]])),
        ("setting primary through a filter",
         [["op": "replace", "path": #"parts[value eq "Nut"].primary"#, "value": true]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": false, "size": 5],
                            ["value": "Nut", "kind": "metal", "size": 3, "primary": true], ["value": "washer", "kind": "rubber"]]])),
        ("replace with two primaries keeps the last",
         [["op": "replace", "path": "parts", "value": [["value": "a", "primary": true], ["value": "b", "primary": true]]]],
         .values(["parts": [["value": "a", "primary": false], ["value": "b", "primary": true]]])),
        ("replace a filtered sub-attribute", [["op": "replace", "path": #"parts[value eq "Nut"].size"#, "value": 4]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 4],
                            ["value": "washer", "kind": "rubber"]]])),
        ("filters ignore case where the sub-attribute does", [["op": "replace", "path": #"parts[value eq "NUT"].size"#, "value": 4]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 4],
                            ["value": "washer", "kind": "rubber"]]])),
        ("replace in every matching value", [["op": "replace", "path": #"parts[kind eq "metal"].kind"#, "value": "steel"]],
         .values(["parts": [["value": "bolt", "kind": "steel", "primary": true, "size": 5], ["value": "Nut", "kind": "steel", "size": 3],
                            ["value": "washer", "kind": "rubber"]]])),
        ("add null through a filter changes nothing", [["op": "add", "path": #"parts[value eq "Nut"].size"#, "value": nil]], .unchanged),
        ("replace with null through a filter removes the sub-attribute",
         [["op": "replace", "path": #"parts[value eq "Nut"].size"#, "value": nil]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal"],
                            ["value": "washer", "kind": "rubber"]]])),
        ("add a filtered sub-attribute", [["op": "add", "path": #"parts[value eq "washer"].size"#, "value": 1]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber", "size": 1]]])),
        ("replace through an equality filter that matches nothing creates the value (Entra)",
         [["op": "replace", "path": #"parts[value eq "screw"].size"#, "value": 1]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber"], ["value": "screw", "size": 1]]])),
        ("add through a two-equality filter creates both", [["op": "add", "path": #"parts[value eq "pin" and kind eq "wood"].size"#, "value": 2]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber"], ["value": "pin", "kind": "wood", "size": 2]]])),
        ("replace through a non-equality filter that matches nothing", [["op": "replace", "path": #"parts[size gt 100].kind"#, "value": "x"]],
         .error(.noTarget)),
        ("replace through an or-filter that matches nothing",
         [["op": "replace", "path": #"parts[value eq "a" or value eq "b"].kind"#, "value": "x"]], .error(.noTarget)),
        ("replace a whole value that matches nothing", [["op": "replace", "path": #"parts[value eq "screw"]"#, "value": ["value": "screw"]]],
         .error(.noTarget)),
        ("replace a whole matching value", [["op": "replace", "path": #"parts[value eq "Nut"]"#, "value": ["value": "Nut2"]]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut2"], ["value": "washer", "kind": "rubber"]]])),
        ("add merges into a matching value", [["op": "add", "path": #"parts[value eq "Nut"]"#, "value": ["kind": "brass"]]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "brass", "size": 3],
                            ["value": "washer", "kind": "rubber"]]])),
        ("remove matching values", [["op": "remove", "path": #"parts[kind eq "metal"]"#]], .values(["parts": [["value": "washer", "kind": "rubber"]]])),
        ("remove with a filter that matches nothing", [["op": "remove", "path": #"parts[kind eq "wood"]"#]], .unchanged),
        ("remove a filtered sub-attribute", [["op": "remove", "path": #"parts[value eq "bolt"].primary"#]],
         .values(["parts": [["value": "bolt", "kind": "metal", "size": 5], ["value": "Nut", "kind": "metal", "size": 3], ["value": "washer", "kind": "rubber"]]])),
        ("remove a sub-attribute from every value", [["op": "remove", "path": "parts.size"]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true], ["value": "Nut", "kind": "metal"], ["value": "washer", "kind": "rubber"]]])),
        ("remove every value with a filter", [["op": "remove", "path": "parts[value pr]"]], .values(["parts": nil])),
        ("remove listed complex values by value", [["op": "remove", "path": "parts", "value": [["value": "bolt"]]]],
         .values(["parts": [["value": "Nut", "kind": "metal", "size": 3], ["value": "washer", "kind": "rubber"]]])),
        ("remove listed values ignores case where value does", [["op": "remove", "path": "parts", "value": [["value": "BOLT"], ["value": "nut"]]]],
         .values(["parts": [["value": "washer", "kind": "rubber"]]])),
        ("remove listed values that are absent", [["op": "remove", "path": "parts", "value": [["value": "nothing"]]]], .unchanged),
        ("sub-attribute of every value needs a filter", [["op": "replace", "path": "parts.kind", "value": "x"]], .error(.invalidPath)),
        ("filter on an unknown sub-attribute", [["op": "replace", "path": #"parts[nope eq "x"].kind"#, "value": "x"]], .error(.invalidFilter)),
        ("unknown sub-attribute after the filter", [["op": "replace", "path": #"parts[value eq "bolt"].nope"#, "value": "x"]], .error(.invalidPath)),
        ("filter on a simple attribute", [["op": "replace", "path": #"label[value eq "x"]"#, "value": "x"]], .error(.invalidPath)),
        ("wrong type inside a complex value", [["op": "add", "path": "parts", "value": [["value": "gear", "size": "big"]]]], .error(.invalidValue)),
        ("null members of a complex value are dropped", [["op": "add", "path": "parts", "value": [["value": "gear", "kind": nil]]]],
         .values(["parts": [["value": "bolt", "kind": "metal", "primary": true, "size": 5], ["value": "Nut", "kind": "metal", "size": 3],
                            ["value": "washer", "kind": "rubber"], ["value": "gear"]]])),
        // single complex
        ("replace merges sub-attributes (§3.5.2.3)", [["op": "replace", "path": "dims", "value": ["height": 11]]],
         .values(["dims": ["height": 11.0, "unit": "cm"]])),
        ("add merges sub-attributes (§3.5.2.1)", [["op": "add", "path": "dims", "value": ["serial": "S9"]]],
         .values(["dims": ["height": 10.5, "unit": "cm", "serial": "S9"]])),
        ("replace a sub-attribute", [["op": "replace", "path": "dims.unit", "value": "mm"]], .values(["dims.unit": "mm", "dims.height": 10.5])),
        ("remove a sub-attribute", [["op": "remove", "path": "dims.unit"]], .values(["dims": ["height": 10.5]])),
        ("removing the last sub-attributes removes the attribute",
         [["op": "remove", "path": "dims.unit"], ["op": "remove", "path": "dims.height"]], .values(["dims": nil])),
        ("complex from a string without a value sub-attribute", [["op": "replace", "path": "dims", "value": "x"]], .error(.invalidValue)),
        ("sub-attribute of an absent complex attribute", [["op": "remove", "path": "dims.nope"]], .error(.invalidPath)),
        // extensions
        ("URN-qualified extension attribute", [["op": "replace", "path": .string("\(acme):cost"), "value": 5]], .values(["acme:cost": 5.0])),
        ("unqualified extension attribute", [["op": "replace", "path": "cost", "value": 6.5]], .values(["acme:cost": 6.5])),
        ("URN-qualified sub-attribute", [["op": "replace", "path": .string("\(acme):owner.display"), "value": "Bob"]],
         .values(["acme:owner": ["value": "U-7", "display": "Bob"]])),
        ("remove an extension attribute", [["op": "remove", "path": .string("\(acme):owner")]], .values(["acme:owner": nil, "acme:cost": 19.99])),
        ("removing every extension attribute drops the extension and its schema",
         [["op": "remove", "path": .string("\(acme):owner")], ["op": "remove", "path": .string("\(acme):cost")]],
         .values([acme: nil, "schemas": [.string(ResourceType.widgetURN)]])),
        ("the whole extension as a path", [["op": "replace", "path": .string(acme), "value": ["cost": 2]]], .values(["acme:cost": 2.0])),
        ("remove the whole extension", [["op": "remove", "path": .string(acme)]], .values([acme: nil, "schemas": [.string(ResourceType.widgetURN)]])),
        ("the whole extension needs an object", [["op": "add", "path": .string(acme), "value": 5]], .error(.invalidValue)),
        ("core URN-qualified attribute", [["op": "replace", "path": .string("\(ResourceType.widgetURN):label"), "value": "Q"]], .values(["label": "Q"])),
        ("attribute qualified with the wrong schema", [["op": "replace", "path": .string("\(acme):label"), "value": "Q"]], .error(.invalidPath)),
        // path-less add/replace
        ("path-less replace of several attributes", [["op": "replace", "value": ["label": "L", "count": 1]]], .values(["label": "L", "count": 1])),
        ("path-less dotted keys", [["op": "replace", "value": ["dims.unit": "in", "LABEL": "L"]]], .values(["dims.unit": "in", "label": "L"])),
        ("path-less URN-qualified keys", [["op": "replace", "value": ["\(acme):cost": 3]]], .values(["acme:cost": 3.0])),
        ("path-less extension object", [["op": "replace", "value": [acme: ["cost": 1, "owner.display": "Zed"]]]],
         .values(["acme:cost": 1.0, "acme:owner": ["value": "U-7", "display": "Zed"]])),
        ("path-less extension object with a qualified key", [["op": "replace", "value": [acme: ["\(acme):cost": 1]]]], .error(.invalidPath)),
        ("path-less extension that is not an object", [["op": "replace", "value": [acme: 5]]], .error(.invalidValue)),
        ("path-less add of values appends", [["op": "add", "value": ["tags": ["new"]]]], .values(["tags": ["Red", "green", "new"]])),
        ("path-less replace of values replaces", [["op": "replace", "value": ["tags": ["new"]]]], .values(["tags": ["new"]])),
        ("path-less own id is ignored (Okta)", [["op": "replace", "value": ["id": "w-1", "label": "L"]]], .values(["label": "L"])),
        ("path-less own id alone changes nothing", [["op": "replace", "value": ["id": "w-1"]]], .unchanged),
        ("path-less other id", [["op": "replace", "value": ["id": "w-2"]]], .error(.mutability)),
        ("path-less same schemas are ignored", [["op": "replace", "value": ["schemas": [.string(ResourceType.widgetURN), .string(acme)]]]], .unchanged),
        ("path-less meta", [["op": "replace", "value": ["meta": ["version": "x"]]]], .error(.mutability)),
        ("path-less readOnly attribute", [["op": "replace", "value": ["stamp": "x"]]], .error(.mutability)),
        ("path-less unknown attribute", [["op": "replace", "value": ["nope": 1]]], .error(.invalidPath)),
        ("path-less key that is not a path", [["op": "replace", "value": ["a b": 1]]], .error(.invalidPath)),
        ("path-less empty object changes nothing", [["op": "replace", "value": [:]]], .unchanged),
        ("path-less null unassigns", [["op": "replace", "value": ["label": nil]]], .values(["label": nil])),
        // order
        ("operations apply in order", [["op": "replace", "path": "label", "value": "A"], ["op": "replace", "path": "label", "value": "B"]],
         .values(["label": "B"])),
        ("remove then add", [["op": "remove", "path": "tags"], ["op": "add", "path": "tags", "value": ["z"]]], .values(["tags": ["z"]])),
        ("add then remove is a no-op", [["op": "add", "path": "frozen", "value": "x"], ["op": "remove", "path": "frozen"]], .error(.mutability)),
        ("add then remove a plain value is a no-op",
         [["op": "add", "path": "secret", "value": "x"], ["op": "remove", "path": "secret"]], .unchanged),
    ]

    @Test("applies PATCH operations to a widget", arguments: table)
    func applies(name: String, operations: JSONValue, outcome: PatchOutcome) throws {
        let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": operations]
        let original = ResourceType.sampleWidget
        switch outcome {
        case .error(let scimType):
            let error = #expect(throws: SCIMError.self, "\(name)") {
                try PatchApplier.apply(body: body, to: original, resourceType: .widget)
            }
            #expect(error?.scimType == scimType, "\(name): \(error?.detail ?? "")")
        case .unchanged:
            let result = try PatchApplier.apply(body: body, to: original, resourceType: .widget)
            #expect(result.changed == false, "\(name)")
            #expect(result.resource == original, "\(name)")
        case .values(let expected):
            let result = try PatchApplier.apply(body: body, to: original, resourceType: .widget)
            #expect(result.changed, "\(name)")
            for (key, value) in expected {
                #expect(Self.lookup(key, in: result.resource) == value, "\(name): \(key)")
            }
        }
    }

    /// `label`, `dims.unit`, `acme:cost` (inside the Acme extension), or a full extension URN.
    static func lookup(_ key: String, in resource: JSONObject) -> JSONValue? {
        var container = JSONValue.object(resource)
        var rest = key
        if key.hasPrefix("acme:") {
            container = resource[attribute: acme] ?? .null
            rest = String(key.dropFirst(5))
        } else if key.hasPrefix("urn:") {
            return resource[attribute: key]
        }
        for part in rest.split(separator: ".") {
            guard let next = container[attribute: String(part)] else { return nil }
            container = next
        }
        return container
    }

    @Test("a failed PATCH leaves the input untouched and a written key keeps its spelling")
    func valueSemantics() throws {
        let original = ResourceType.sampleWidget
        let request = PatchRequest(operations: [PatchOperation(op: .replace, path: PatchPath(attribute: "LABEL"), value: "x")])
        let result = try PatchApplier.apply(request, to: original, resourceType: .widget)
        #expect(result.resource.keys == original.keys)
        #expect(original[attribute: "label"] == "Blue Widget")
    }

    @Test("a new extension attribute adds the extension to schemas")
    func extensionAddsSchema() throws {
        var resource = ResourceType.sampleWidget
        resource.removeAttribute(Self.acme)
        resource["schemas"] = [.string(ResourceType.widgetURN)]
        let request = PatchRequest(operations: [PatchOperation(op: .add, path: try PatchPath.parse("cost"), value: 1.5)])
        let result = try PatchApplier.apply(request, to: resource, resourceType: .widget)
        #expect(result.resource["schemas"] == [.string(ResourceType.widgetURN), .string(Self.acme)])
        #expect(result.resource[attribute: Self.acme] == ["cost": 1.5])
    }

    @Test("an extension value carrying its own schemas key is applied without it (scim2-models clients)")
    func extensionValueWithSchemas() throws {
        var resource = ResourceType.sampleWidget
        resource.removeAttribute(Self.acme)
        resource["schemas"] = [.string(ResourceType.widgetURN)]
        let value: JSONValue = ["schemas": [.string(Self.acme)], "cost": 2.5]
        let request = PatchRequest(operations: [PatchOperation(op: .add, path: try PatchPath.parse(Self.acme), value: value)])
        let result = try PatchApplier.apply(request, to: resource, resourceType: .widget)
        #expect(result.resource[attribute: Self.acme] == ["cost": 2.5])
        #expect(result.resource["schemas"] == [.string(ResourceType.widgetURN), .string(Self.acme)])
    }

    @Test("paths into an undeclared extension are invalidPath unless undeclared extensions are kept", arguments: [
        ("add", "urn:example:params:scim:schemas:extension:custom:2.0:Widget:code", JSONValue.string("C-1"),
         JSONValue?.some(["code": "C-1", "tags": ["a"]])),
        ("add", "urn:example:params:scim:schemas:extension:custom:2.0:Widget:tags", ["b"], ["code": "C-0", "tags": ["a", "b"]]),
        ("replace", "urn:example:params:scim:schemas:extension:custom:2.0:Widget:tags", ["b"], ["code": "C-0", "tags": ["b"]]),
        ("replace", "urn:example:params:scim:schemas:extension:custom:2.0:Widget:badge.number", 7,
         ["code": "C-0", "tags": ["a"], "badge": ["number": 7]]),
        ("remove", "urn:example:params:scim:schemas:extension:custom:2.0:Widget:code", nil, ["tags": ["a"]]),
        ("replace", "urn:example:params:scim:schemas:extension:custom:2.0:Widget", ["code": "C-2"], ["code": "C-2", "tags": ["a"]]),
        ("remove", "urn:example:params:scim:schemas:extension:custom:2.0:Widget", nil, nil),
    ] as [(String, String, JSONValue?, JSONValue?)])
    func undeclaredExtensionPaths(op: String, path: String, value: JSONValue?, expected: JSONValue?) throws {
        let urn = "urn:example:params:scim:schemas:extension:custom:2.0:Widget"
        var resource = ResourceType.sampleWidget
        resource[urn] = ["code": "C-0", "tags": ["a"]]
        resource["schemas"] = [.string(ResourceType.widgetURN), .string(Self.acme), .string(urn)]
        var operation = JSONObject()
        operation["op"] = .string(op)
        operation["path"] = .string(path)
        if let value { operation["value"] = value }
        let request = try PatchRequest.parse(["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": [.object(operation)]])
        let refused = #expect(throws: SCIMError.self) { try PatchApplier.apply(request, to: resource, resourceType: .widget) }
        #expect(refused?.scimType == .invalidPath)
        let result = try PatchApplier.apply(request, to: resource, resourceType: .widget, keepsUndeclaredExtensions: true)
        #expect(result.resource[attribute: urn] == expected)
        #expect(result.resource["schemas"]?.arrayValue?.contains(.string(urn)) == (expected != nil))
    }

    @Test("the table covers every op and every outcome")
    func tableCoverage() {
        #expect(Self.table.count >= 100)
        #expect(Self.table.contains { if case .unchanged = $0.2 { return true }; return false })
    }
}
