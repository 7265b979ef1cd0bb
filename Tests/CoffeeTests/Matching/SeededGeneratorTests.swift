import Testing
@testable import Coffee

@Suite("Seeded random number generator")
struct SeededGeneratorTests {
    @Test("the same seed gives the same sequence; different seeds differ")
    func deterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let x = (0..<100).map { _ in a.next() }
        #expect(x == (0..<100).map { _ in b.next() })
        #expect(x != (0..<100).map { _ in c.next() })
    }

    @Test("index(below:) stays in range and reaches every value", arguments: [1, 2, 3, 7, 100])
    func boundedIndex(bound: Int) {
        var rng = SeededGenerator(seed: UInt64(bound))
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = rng.index(below: bound)
            #expect((0..<bound).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == bound)
    }

    @Test("shuffle is a permutation")
    func shuffleIsPermutation() {
        var rng = SeededGenerator(seed: 7)
        var values = Array(0..<50)
        rng.shuffle(&values)
        #expect(values.sorted() == Array(0..<50))
        #expect(values != Array(0..<50))
    }
}
