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
    }
}
