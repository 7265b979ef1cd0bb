import FuzzerDriver
import SCIM

// A libFuzzer target for the SCIM PATCH applier (RFC 7644 §3.5.2): each input is a
// request body, parsed as JSON and applied to a User and to a Group.
// scripts/fuzz-patch.sh builds it with -sanitize=fuzzer,address and -DFUZZING; a plain
// `swift build` gets a `main` that replays files given on the command line.
//
// Invariants checked on every input, besides "does not crash" (only SCIMError can be
// thrown: the API's typed throws say so):
// - applying the same body to the same resource twice gives the same result;
// - `id` never changes, and the result is an object whose JSON reads back equal.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func patchFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PatchFuzzCase.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

enum PatchFuzzCase {
    /// A User with single-valued, complex, multi-valued and extension attributes.
    static let user: JSONObject = object([
        "schemas": [.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.enterpriseUser)],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "userName": "bjensen@example.com",
        "name": ["givenName": "Barbara", "familyName": "Jensen"],
        "active": true,
        "emails": [["value": "bjensen@example.com", "type": "work", "primary": true],
                   ["value": "babs@example.org", "type": "home"]],
        "phoneNumbers": [["value": "555-555-8377", "type": "work"]],
        "meta": ["resourceType": "User", "lastModified": "2011-05-13T04:42:34Z"],
        SCIMSchemaURN.enterpriseUser: ["employeeNumber": "701984", "manager": ["value": "26118915"]],
    ])

    /// A Group with two members.
    static let group: JSONObject = object([
        "schemas": [.string(SCIMSchemaURN.group)],
        "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
        "displayName": "Tour Guides",
        "members": [["value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"],
                    ["value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"]],
    ])

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let body = try? JSONParser.parse(bytes) else { return }
        for (resource, type) in [(user, ResourceType.user), (group, ResourceType.group)] {
            guard let first = try? PatchApplier.apply(body: body, to: resource, resourceType: type) else { continue }
            let second = try? PatchApplier.apply(body: body, to: resource, resourceType: type)
            // An invariant violation is a finding: stop so libFuzzer saves the input.
            guard let second, second.resource == first.resource, second.changed == first.changed else {
                fatalError("PATCH is not deterministic on \(type.name)")
            }
            guard first.resource[attribute: "id"] == resource[attribute: "id"] else {
                fatalError("PATCH changed the id of a \(type.name)")
            }
            let encoded = JSONValue.object(first.resource).encodedString()
            guard let reread = try? JSONParser.parse(encoded), reread == .object(first.resource) else {
                fatalError("a patched \(type.name) does not read back from its JSON")
            }
        }
    }

    private static func object(_ value: JSONValue) -> JSONObject { value.objectValue ?? JSONObject() }
}

@main
enum PatchFuzzerMain {
    static func main() { FuzzerDriver.main(patchFuzzerTestOneInput) }
}
