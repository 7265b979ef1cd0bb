import Testing
@testable import SCIM

@Suite("Primary values — RFC 7643 §2.4, RFC 7644 §3.5.2")
struct PrimaryValuesTests {
    @Test("at most one value stays primary", arguments: [
        ([true, true, nil], nil, [false, true, nil]),
        ([true, nil, true], 0, [true, nil, false]),
        ([true, true, true], 1, [false, true, false]),
        ([true, nil, nil], nil, [true, nil, nil]),
        ([nil, nil], nil, [nil, nil]),
        ([true, true], 5, [false, true]),
    ] as [([Bool?], Int?, [Bool?])])
    func normalises(primaries: [Bool?], preferred: Int?, expected: [Bool?]) {
        func values(_ flags: [Bool?]) -> [JSONValue] {
            flags.enumerated().map { index, flag in
                var object = JSONObject([.init(key: "value", value: .integer(Int64(index)))])
                if let flag { object["primary"] = .bool(flag) }
                return .object(object)
            }
        }
        #expect(PrimaryValues.normalized(values(primaries), preferring: preferred) == values(expected))
    }
}
