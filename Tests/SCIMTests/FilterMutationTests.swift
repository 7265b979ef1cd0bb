import Testing
@testable import SCIM

/// A bounded, seeded mutation run over filters, PATCH paths and PATCH bodies: whatever
/// the input, parsing, validation, evaluation and application either succeed or throw a
/// `SCIMError` (typed throws make anything else a compile error); they never trap. Any
/// filter that parses must round-trip through its canonical text.
@Suite("Mutation run — filters and PATCH never crash")
struct FilterMutationTests {
    /// SplitMix64: small, fast, reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [Character] = Array(#"()[]"\ .:$-_aenortpqwsgclxzu0123456789eEtrufl"#) + ["é", "😀", "\u{0}", "\t", "\n", "\u{7F}"]

    static func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !characters.isEmpty:
                characters.remove(at: Int.random(in: 0..<characters.count, using: &rng))
            case 1:
                characters.insert(alphabet.randomElement(using: &rng) ?? "a", at: Int.random(in: 0...characters.count, using: &rng))
            case 2 where characters.count > 1:
                characters.swapAt(Int.random(in: 0..<characters.count, using: &rng), Int.random(in: 0..<characters.count, using: &rng))
            case 3 where !characters.isEmpty:
                let start = Int.random(in: 0..<characters.count, using: &rng)
                let end = min(characters.count, start + Int.random(in: 1...8, using: &rng))
                characters.insert(contentsOf: characters[start..<end], at: Int.random(in: 0...characters.count, using: &rng))
            case 4 where !characters.isEmpty:
                characters.removeLast(Int.random(in: 1...characters.count, using: &rng))
            default:
                if let index = characters.indices.randomElement(using: &rng) {
                    characters[index] = alphabet.randomElement(using: &rng) ?? "x"
                }
            }
        }
        return String(characters)
    }

    static var seeds: [String] {
        FilterParserTests.parses.map(\.0) + FilterEvaluatorTests.widgetCases.map(\.0) + FilterValidatorTests.accepted
    }

    @Test("mutated filters parse, validate and evaluate or throw SCIMError", arguments: [1, 2, 3, 4] as [UInt64])
    func mutatedFilters(seed: UInt64) throws {
        var rng = SeededGenerator(state: seed)
        let user = try #require(try Fixtures.json("resources/user-2819c223-7f76-453a-919d-413861904646.json").objectValue)
        let seeds = Self.seeds
        var parsed = 0
        for _ in 0..<4000 {
            let text = Self.mutate(seeds.randomElement(using: &rng) ?? "a pr", using: &rng)
            guard let filter = try? FilterParser.parse(text) else { continue }
            parsed += 1
            #expect(try FilterParser.parse(filter.description) == filter, "\(text)")
            for (resourceType, resource) in [(ResourceType.user, user), (ResourceType.widget, ResourceType.sampleWidget)] {
                if let evaluator = try? FilterEvaluator(filter, resourceType: resourceType) {
                    _ = evaluator.matches(resource)
                }
            }
            _ = try? PatchPath.parse(text)
        }
        #expect(parsed > 100)
    }

    @Test("mutated PATCH paths and bodies apply or throw SCIMError", arguments: [11, 12, 13] as [UInt64])
    func mutatedPatches(seed: UInt64) throws {
        var rng = SeededGenerator(state: seed)
        let paths = PatchPathTests.valid.map(\.0) + ["label", "parts", "dims", "dims.unit", #"parts[value eq "bolt"].size"#,
                                                     "tags", "\(ResourceType.acmeURN):cost", ResourceType.acmeURN, "id", "frozen"]
        let values: [JSONValue] = [
            nil, true, "False", 0, 2.5, "x", "2024-01-01T00:00:00Z", [], [:], ["x"], [["value": "bolt"]],
            ["value": "v", "primary": true], ["label": "L", "id": "w-1"], JSONValue.object(JSONObject([.init(key: ResourceType.acmeURN, value: ["cost": 1])])), [[1]],
        ]
        let ops: [JSONValue] = ["add", "remove", "replace", "Add", "REPLACE", "move", 1, nil]
        var applied = 0
        for _ in 0..<3000 {
            var operations: [JSONValue] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                var operation = JSONObject()
                operation["op"] = ops.randomElement(using: &rng) ?? "add"
                if Bool.random(using: &rng) {
                    let path = paths.randomElement(using: &rng) ?? "label"
                    operation["path"] = .string(Bool.random(using: &rng) ? Self.mutate(path, using: &rng) : path)
                }
                if Int.random(in: 0..<4, using: &rng) > 0 { operation["value"] = values.randomElement(using: &rng) ?? nil }
                operations.append(.object(operation))
            }
            let body: JSONValue = ["schemas": [.string(SCIMSchemaURN.patchOp)], "Operations": .array(operations)]
            for (resourceType, resource) in [(ResourceType.widget, ResourceType.sampleWidget)] {
                if let result = try? PatchApplier.apply(body: body, to: resource, resourceType: resourceType) {
                    applied += 1
                    #expect(result.changed == (result.resource != resource))
                }
            }
        }
        #expect(applied > 30)
    }
}
