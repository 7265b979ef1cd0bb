import Testing
@testable import Coffee

@Suite("Coffee module")
struct CoffeeTests {
    @Test("the engine version is semantic")
    func engineVersion() {
        #expect(Coffee.engineVersion.split(separator: ".").count == 3)
    }
}
