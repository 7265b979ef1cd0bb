import Testing
@testable import Percolator

@Suite("Version")
struct VersionTests {
    @Test("the version is semantic")
    func semantic() {
        #expect(PercolatorVersion.current.split(separator: ".").count == 3)
    }
}
