import Testing
@testable import Store

@Suite("Random identifiers — UUID version 4 shape (RFC 9562 §5.4)")
struct RandomIDTests {
    @Test("identifiers are lowercase 8-4-4-4-12 hex with version 4 and variant 10, and distinct")
    func shape() {
        let ids = (0..<200).map { _ in RandomID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let groups = id.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12])
            #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }
}
