import Foundation
import Testing
@testable import Coffee

@Suite("Audience expressions — evaluation on category values, and audience membership")
struct AudienceEvaluationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let values: [CategoryKey: [String]]
        let matches: Bool
        var testDescription: String { "\(expression) on \(values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) → \(matches)" }
    }

    static let cases: [Case] = [
        Case(expression: "City = Paris", values: [.city: ["Paris"]], matches: true),
        Case(expression: "City = Paris", values: [.city: ["paris"]], matches: true),
        Case(expression: "CITY = PARIS", values: [.city: ["Paris"]], matches: true),
        Case(expression: "City = Paris", values: [.city: ["Lyon"]], matches: false),
        Case(expression: "City = Paris", values: [:], matches: false),
        Case(expression: "costcenter = 42", values: [.costCenter: ["42"]], matches: true),
        Case(expression: "Language = French", values: ["language": ["English", "French"]], matches: true),
        Case(expression: "Language = German", values: ["language": ["English", "French"]], matches: false),
        Case(expression: "City in (Paris, Lyon)", values: [.city: ["Lyon"]], matches: true),
        Case(expression: "City in (Paris, Lyon)", values: [.city: ["Nice"]], matches: false),
        Case(expression: "City in (Paris, Lyon)", values: [:], matches: false),
        Case(expression: "Language in (German, french)", values: ["language": ["English", "French"]], matches: true),
        Case(expression: "not Department = HR", values: [:], matches: true),
        Case(expression: "not Department = HR", values: [.department: ["HR"]], matches: false),
        Case(expression: "not Department = HR", values: [.department: ["hr"]], matches: false),
        Case(expression: "not Department = HR", values: [.department: ["Sales"]], matches: true),
        Case(expression: "City in (Paris, Lyon) and not Department = HR", values: [.city: ["Paris"], .department: ["Sales"]], matches: true),
        Case(expression: "City in (Paris, Lyon) and not Department = HR", values: [.city: ["Paris"], .department: ["HR"]], matches: false),
        Case(expression: "City in (Paris, Lyon) and not Department = HR", values: [.city: ["Nice"], .department: ["Sales"]], matches: false),
        Case(expression: "a = 1 or b = 1 and c = 1", values: ["a": ["1"]], matches: true),
        Case(expression: "a = 1 or b = 1 and c = 1", values: ["b": ["1"]], matches: false),
        Case(expression: "a = 1 or b = 1 and c = 1", values: ["b": ["1"], "c": ["1"]], matches: true),
        Case(expression: "(a = 1 or b = 1) and c = 1", values: ["a": ["1"]], matches: false),
        Case(expression: "(a = 1 or b = 1) and c = 1", values: ["a": ["1"], "c": ["1"]], matches: true),
        Case(expression: "not not a = 1", values: ["a": ["1"]], matches: true),
        Case(expression: "Department = \"Human Resources\"", values: [.department: ["human resources"]], matches: true),
        Case(expression: "Department = \" Human Resources \"", values: [.department: ["Human Resources"]], matches: true),
        Case(expression: "Department = Human", values: [.department: ["Human Resources"]], matches: false),
    ]

    @Test(arguments: cases)
    func evaluates(_ row: Case) throws {
        let expression = try AudienceExpression(parsing: row.expression)
        #expect(expression.matches(CategoryValues(row.values)) == row.matches)
    }

    @Test("category keys differing only in case are one key to the evaluator")
    func keysDifferingInCase() throws {
        let expression = try AudienceExpression(parsing: "city = Lyon")
        #expect(expression.matches(CategoryValues(["City": ["Paris"], "city": ["Lyon"]])))
        #expect(expression.keys == ["city"])
    }

    @Test(arguments: [
        (Audience.allMembers, Set<GroupID>(), true),
        (.group(GroupID("g1")), Set([GroupID("g1"), GroupID("g2")]), true),
        (.group(GroupID("g1")), Set([GroupID("g2")]), false),
        (.categories(.equals(key: .city, value: "Paris")), Set<GroupID>(), true),
        (.categories(.equals(key: .city, value: "Lyon")), Set([GroupID("g1")]), false),
    ])
    func audienceIncludes(audience: Audience, groups: Set<GroupID>, included: Bool) throws {
        let member = try Fixture.member(categories: [.city: ["Paris"]])
        #expect(audience.includes(member: member, groupsOfMember: groups) == included)
    }
}
