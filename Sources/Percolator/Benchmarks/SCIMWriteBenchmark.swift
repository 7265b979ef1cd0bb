import Coffee
import SCIM

/// Micro-benchmarks of the pure computation of a SCIM User create and an Entra PATCH
/// (issue 10), for `percolator bench scim`: what the server does per write besides I/O,
/// on the body `scripts/bench/scenario.lua` sends. Figures compare builds on one machine.
enum SCIMWriteBenchmark {
    /// One line per case, as ``SCIMCoreBenchmark/run(iterations:)`` prints them.
    static func lines(iterations: Int, measure: (String, Int, () -> Bool) -> String) -> [String] {
        let validator = ResourceValidator(resourceType: .user,
                                          options: .init(unknownAttributes: .drop, keepsUndeclaredExtensions: true))
        let mapping = MemberDraftMapping()
        let stored = (try? validator.validate(.object(body), for: .create))?.objectValue ?? JSONObject()
        let patched = (try? PatchApplier.apply(patch, to: stored, resourceType: .user, keepsUndeclaredExtensions: true))?.resource
            ?? stored
        var lines: [String] = []
        lines.append(measure("create: parse body (Entra User)", iterations) {
            (try? JSONParser.parse(bodyBytes))?.objectValue?.isEmpty == false
        })
        lines.append(measure("create: validate", iterations) {
            (try? validator.validate(.object(body), for: .create))?.objectValue?.isEmpty == false
        })
        lines.append(measure("create: member draft", iterations) {
            !mapping.draft(id: "id-1", attributes: stored, mapping: .default).userName.isEmpty
        })
        lines.append(measure("create: encode stored resource", iterations) {
            !JSONValue.object(stored).encodedString().isEmpty
        })
        lines.append(measure("patch: apply (title, costCenter)", iterations) {
            (try? PatchApplier.apply(patch, to: stored, resourceType: .user, keepsUndeclaredExtensions: true))?.changed == true
        })
        lines.append(measure("patch: revalidate", iterations) {
            (try? validator.validate(.object(patched), for: .patch, existing: .object(stored)))?.objectValue?.isEmpty == false
        })
        lines.append(measure("patch: changed attributes", iterations) {
            !MemberChangeSummary.changedAttributes(stored, patched).isEmpty
        })
        return lines
    }

    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// The create body of `scripts/bench/scenario.lua`.
    static let bodyText = """
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","\(enterprise)"],\
    "externalId":"load-1-a-1-42@bench.example","userName":"load-1-a-1-42@bench.example",\
    "name":{"givenName":"Load","familyName":"Test","formatted":"Load Test"},"displayName":"Load Test",\
    "title":"Title 1234","emails":[{"value":"load-1-a-1-42@bench.example","type":"work","primary":true}],\
    "phoneNumbers":[{"value":"+33 1 23 45 67 89","type":"work"}],"active":true,\
    "\(enterprise)":{"employeeNumber":"42","costCenter":"CC 4321","department":"Department 17",\
    "division":"Division 3","manager":{"value":"2819c223-7f76-453a-919d-413861904646"}}}
    """
    static let bodyBytes: [UInt8] = Array(bodyText.utf8)
    static let body: JSONObject = (try? JSONParser.parse(bodyBytes))?.objectValue ?? JSONObject()

    /// The Entra PATCH of `scripts/bench/scenario.lua`.
    static let patch: PatchRequest = (try? PatchRequest.parse([
        "schemas": [.string(SCIMSchemaURN.patchOp)],
        "Operations": [
            ["op": "Replace", "path": "title", "value": "Title 99"],
            ["op": "Replace", "path": .string(enterprise + ":costCenter"), "value": "CC 99"],
        ],
    ])) ?? PatchRequest(operations: [])
}
