import Testing
@testable import Coffee

/// A stored row's category lists wrapped straight into ``CategoryValues`` (issue 16).
@Suite("Category values from a stored row's lists")
struct CategoryValuesListsTests {
    @Test("init(lists:) is init(_:) with the keys wrapped: the same cleaning, the same values")
    func sameValues() {
        let lists = ["city": [" Paris ", "paris", "Lyon"], "department": ["R&D"], "empty": ["  "], "none": []]
        let wrapped = CategoryValues(Dictionary(uniqueKeysWithValues: lists.map { (CategoryKey($0.key), $0.value) }))
        #expect(CategoryValues(lists: lists) == wrapped)
        #expect(CategoryValues(lists: lists).storage == [.city: ["Paris", "Lyon"], .department: ["R&D"]])
        #expect(CategoryValues(lists: [:]).isEmpty)
        #expect(CategoryValues(lists: lists).lists == ["city": ["Paris", "Lyon"], "department": ["R&D"]])
    }

    @Test("clean lists are kept as they are, and the engine's participant shares them")
    func cleanListsKept() throws {
        let lists = ["city": ["Paris"], "department": ["R&D", "Sales"], "team": ["Core"]]
        let values = CategoryValues(lists: lists)
        #expect(values.lists == lists)
        #expect(values == CategoryValues([.city: ["Paris"], .department: ["R&D", "Sales"], "team": ["Core"]]))
        #expect(values.keys == [.city, .department, "team"])
        #expect(values[.department] == ["R&D", "Sales"])
        let member = try Fixture.member(id: "m1", categories: values.storage)
        #expect(ParticipantSelection.participant(for: member).categoryValues == lists)
    }

    @Test("a list that cleaning changes is cleaned", arguments: [
        ["a"]: ["a"], [" a"]: ["a"], ["a", "A"]: ["a"], ["a", " "]: ["a"], ["\u{200B}a"]: ["a"], ["a", "b"]: ["a", "b"],
    ] as [[String]: [String]])
    func listsCleaned(list: [String], cleaned: [String]) {
        #expect(CategoryValues(lists: ["k": list]).lists == ["k": cleaned])
        #expect(CategoryValues(lists: ["k": list, "empty": [], "blank": [" "]]).lists == ["k": cleaned])
    }
}
