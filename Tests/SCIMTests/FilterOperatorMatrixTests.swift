import Testing
@testable import SCIM

/// Every comparison operator against every attribute type (RFC 7644 §3.4.2.2 Table 3,
/// RFC 7643 §2.3): which combinations the validator accepts, and that accepted ones
/// evaluate.
@Suite("Operator × attribute type — RFC 7644 §3.4.2.2")
struct FilterOperatorMatrixTests {
    /// Attribute of the Widget schema, an operand of its type, the operators it allows.
    static let attributes: [(String, String, Set<ComparisonOperator>)] = [
        ("label", #""Blue Widget""#, Set(ComparisonOperator.allCases)),
        ("code", #""AbC-42""#, Set(ComparisonOperator.allCases)),
        ("homepage", #""https://example.com/Widgets/w-1""#, Set(ComparisonOperator.allCases)),
        ("count", "42", [.eq, .ne, .gt, .ge, .lt, .le]),
        ("weight", "2.5", [.eq, .ne, .gt, .ge, .lt, .le]),
        ("shippedAt", #""2024-03-10T10:00:00Z""#, [.eq, .ne, .gt, .ge, .lt, .le]),
        ("enabled", "true", [.eq, .ne]),
        ("blob", #""SGVsbG8=""#, [.eq, .ne]),
    ]

    static var matrix: [(String, ComparisonOperator, String, Bool)] {
        attributes.flatMap { name, operand, allowed in
            ComparisonOperator.allCases.map { (name, $0, operand, allowed.contains($0)) }
        }
    }

    /// With an operand equal to the stored value: which operators hold.
    static let holdsOnEqual: Set<ComparisonOperator> = [.eq, .ge, .le, .co, .sw, .ew]

    @Test("accepts exactly the operators the type allows, and evaluates them", arguments: matrix)
    func operatorByType(attribute: String, op: ComparisonOperator, operand: String, allowed: Bool) throws {
        let filter = try FilterParser.parse("\(attribute) \(op.rawValue) \(operand)")
        if allowed {
            let evaluator = try FilterEvaluator(filter, resourceType: .widget)
            #expect(evaluator.matches(ResourceType.sampleWidget) == Self.holdsOnEqual.contains(op))
        } else {
            let error = #expect(throws: SCIMError.self) { try FilterValidator.validate(filter, against: .widget) }
            #expect(error?.scimType == .invalidFilter)
        }
    }

    @Test("the matrix covers every operator for every type")
    func matrixIsComplete() {
        #expect(Self.matrix.count == Self.attributes.count * ComparisonOperator.allCases.count)
        #expect(Set(Self.attributes.map(\.0)).count == 8)
    }
}
