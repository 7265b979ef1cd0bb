import Testing
@testable import Coffee

@Suite("Connection matrix — which values of a category met which")
struct ConnectionMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let groups: [[String]]
        let values: [String: [String]]
        /// Expected cells (a, b, count); every other cell of `expectedValues` is 0.
        let cells: [(String?, String?, Int)]
        let expectedValues: [String?]
        let pairs: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no groups", groups: [], values: [:], cells: [], expectedValues: [], pairs: 0),
        Case(name: "one pair across two departments", groups: [["a", "b"]], values: ["a": ["Sales"], "b": ["R&D"]],
             cells: [("Sales", "R&D", 1), ("R&D", "Sales", 1)], expectedValues: ["R&D", "Sales"], pairs: 1),
        Case(name: "a pair inside one department counts on the diagonal", groups: [["a", "b"]], values: ["a": ["Sales"], "b": ["Sales"]],
             cells: [("Sales", "Sales", 1)], expectedValues: ["Sales"], pairs: 1),
        Case(name: "a trio counts its three pairs", groups: [["a", "b", "c"]], values: ["a": ["HR"], "b": ["HR"], "c": ["IT"]],
             cells: [("HR", "HR", 1), ("HR", "IT", 2)], expectedValues: ["HR", "IT"], pairs: 3),
        Case(name: "no value counts under nil, sorted last", groups: [["a", "b"], ["c", "d"]],
             values: ["a": ["zeta"], "b": [], "c": ["Alpha"]],
             cells: [("zeta", nil, 1), ("Alpha", nil, 1)], expectedValues: ["Alpha", "zeta", nil], pairs: 2),
        Case(name: "several values count once each; a repeated value once", groups: [["a", "b"]],
             values: ["a": ["Paris", "Lyon", "Paris"], "b": ["Nice"]],
             cells: [("Paris", "Nice", 1), ("Lyon", "Nice", 1)], expectedValues: ["Lyon", "Nice", "Paris"], pairs: 1),
    ]

    @Test("cells are symmetric, values sorted, pairs counted once", arguments: cases)
    func matrix(_ c: Case) {
        let matrix = ConnectionMatrix(groups: c.groups) { c.values[$0] ?? [] }
        #expect(matrix.values == c.expectedValues)
        #expect(matrix.pairs == c.pairs)
        for a in matrix.values {
            for b in matrix.values {
                let expected = c.cells.first { ($0.0 == a && $0.1 == b) || ($0.0 == b && $0.1 == a) }?.2 ?? 0
                #expect(matrix.count(a, b) == expected, "\(a ?? "nil") × \(b ?? "nil")")
            }
        }
    }

    @Test("the rate across values and the largest cell")
    func rates() {
        let matrix = ConnectionMatrix(groups: [["a", "b", "c"]]) { ["a": ["HR"], "b": ["HR"], "c": ["IT"]][$0] ?? [] }
        #expect(matrix.largestCount == 2)
        #expect(matrix.acrossRate == 2.0 / 3.0)
        #expect(ConnectionMatrix(groups: [[String]]()) { _ in [] }.acrossRate == nil)
    }
}
