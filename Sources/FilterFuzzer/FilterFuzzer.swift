import FuzzerDriver
import SCIM

// A libFuzzer target for the SCIM filter grammar (RFC 7644 §3.4.2.2) and PATCH paths
// (§3.5.2). scripts/fuzz-filter.sh builds it with -sanitize=fuzzer,address and
// -DFUZZING, and `main` hands control to libFuzzer's driver; a plain `swift build`
// gets a `main` that replays files given on the command line (crash reproducers).
//
// Invariants checked on every input, besides "does not crash": a filter that parses
// renders to text that parses back to the same tree, and validating and evaluating it
// against the User resource type only ever throws SCIMError.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func filterFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FilterFuzzCase.run(text)
    return 0
}

enum FilterFuzzCase {
    /// A User with the attributes filters usually touch.
    static let user: JSONObject = JSONValue.object(from: [
        "schemas": [.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.enterpriseUser)],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "userName": "bjensen@example.com",
        "name": ["givenName": "Barbara", "familyName": "Jensen"],
        "active": true,
        "emails": [["value": "bjensen@example.com", "type": "work", "primary": true]],
        "meta": ["resourceType": "User", "lastModified": "2011-05-13T04:42:34Z"],
        SCIMSchemaURN.enterpriseUser: ["employeeNumber": "701984", "manager": ["value": "26118915"]],
    ])

    static func run(_ text: String) {
        if let filter = try? FilterParser.parse(text) {
            let rendered = filter.description
            guard let reparsed = try? FilterParser.parse(rendered), reparsed == filter else {
                // An invariant violation is a finding: stop so libFuzzer saves the input.
                fatalError("Round trip failed: \(text.debugDescription) rendered as \(rendered.debugDescription)")
            }
            if let evaluator = try? FilterEvaluator(filter, resourceType: .user) {
                _ = evaluator.matches(user)
            }
        }
        if let path = try? PatchPath.parse(text) {
            let operation = PatchOperation(op: .replace, path: path, value: "x")
            _ = try? PatchApplier.apply(PatchRequest(operations: [operation]), to: user, resourceType: .user)
        }
    }
}

extension JSONValue {
    static func object(from value: JSONValue) -> JSONObject { value.objectValue ?? JSONObject() }
}

@main
enum FilterFuzzerMain {
    static func main() { FuzzerDriver.run(filterFuzzerTestOneInput) }
}
