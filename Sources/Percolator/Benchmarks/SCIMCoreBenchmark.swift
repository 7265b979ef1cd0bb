import SCIM

/// Micro-benchmarks of the SCIM core's hot paths, for `percolator bench scim`.
///
/// Each case runs `iterations` times on a typical input, timed with `ContinuousClock`:
/// filter parsing (RFC 7644 §3.4.2.2), parse + validate + evaluate against a User, an
/// Entra-style PATCH of three operations (RFC 7644 §3.5.2), and JSON decoding and
/// encoding of a User (RFC 7643 §8.2). No I/O; results are for comparing builds on one
/// machine, not absolute numbers.
public enum SCIMCoreBenchmark {
    /// Runs every case and returns one line per case: `name: N ops/s, X µs/op`.
    public static func run(iterations: Int) -> String {
        let iterations = max(1, iterations)
        var lines: [String] = []
        lines.append(measure("filter parse", iterations) {
            (try? FilterParser.parse(filterText)) != nil
        })
        lines.append(measure("filter parse+validate+evaluate", iterations) {
            (try? FilterEvaluator(parsing: filterText, resourceType: .user))?.matches(user) == true
        })
        lines.append(measure("patch apply (Entra, 3 operations)", iterations) {
            (try? PatchApplier.apply(body: patchBody, to: user, resourceType: .user))?.changed == true
        })
        lines.append(measure("json decode (User)", iterations) {
            (try? JSONParser.parse(userBytes))?.objectValue?.isEmpty == false
        })
        lines.append(measure("json encode (User)", iterations) {
            !JSONSerializer.serialize(.object(user)).isEmpty
        })
        lines += SCIMWriteBenchmark.lines(iterations: iterations, measure: measure)
        return lines.joined(separator: "\n")
    }

    /// Times `body`, which returns whether it produced the expected result; a case whose
    /// input stopped working says so instead of reporting a meaningless speed.
    private static func measure(_ name: String, _ iterations: Int, _ body: () -> Bool) -> String {
        var succeeded = 0
        for _ in 0..<min(iterations, 100) where body() { succeeded += 1 }  // warm-up
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<iterations where body() { succeeded += 1 }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perOp = seconds / Double(iterations)
        let opsPerSecond = perOp > 0 ? 1 / perOp : 0
        let warning = succeeded == iterations + min(iterations, 100) ? "" : " (failed: the input no longer works)"
        return "\(name): \(Int(opsPerSecond)) ops/s, \(format(perOp * 1e6)) µs/op\(warning)"
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int(value * 100 + 0.5)  // value ≥ 0; no libm needed
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// What Entra and Okta send most: a userName match plus a value filter.
    static let filterText = #"userName eq "bjensen@example.com" and emails[type eq "work" and value co "@example.com"]"#

    /// Entra's PATCH without `aadOptscim062020`: capitalised ops, a filtered path, a string boolean.
    static let patchBody: JSONValue = [
        "schemas": [.string(SCIMSchemaURN.patchOp)],
        "Operations": [
            ["op": "Replace", "path": #"emails[type eq "work"].value"#, "value": "updatedEmail@example.com"],
            ["op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"],
            ["op": "Replace", "path": "active", "value": "False"],
        ],
    ]

    /// A User as IdPs create it (RFC 7643 §8.2, trimmed).
    static let userText = #"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
     "id":"2819c223-7f76-453a-919d-413861904646","externalId":"bjensen",
     "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z",
             "version":"W\/\"3694e05e9dff591\"","location":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"},
     "userName":"bjensen@example.com",
     "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara"},
     "displayName":"Babs Jensen","title":"Tour Guide","userType":"Employee","active":true,
     "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
     "phoneNumbers":[{"value":"555-555-5555","type":"work"}],
     "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood","region":"CA",
                   "postalCode":"91608","country":"USA","primary":true}],
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations",
        "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}
    """#

    static let userBytes: [UInt8] = Array(userText.utf8)
    static let user: JSONObject = (try? JSONParser.parse(userBytes))?.objectValue ?? JSONObject()
}
