import Testing
@testable import Store

@Suite("DecodedDocuments — stored JSON decoded once per distinct text")
struct DecodedDocumentsTests {
    /// A decoder that counts its calls.
    final class CountingDecoder {
        var calls: [String] = []
        func decode(_ text: String) throws -> Int {
            calls.append(text)
            guard let value = Int(text) else { throw StoreError(code: .corrupt, message: "not a number") }
            return value
        }
    }

    @Test("the same text is decoded once; another text (a changed document) is decoded anew, never served stale")
    func decodesOncePerText() throws {
        let documents = DecodedDocuments<Int>(limit: 8)
        let decoder = CountingDecoder()
        #expect(try documents.value(stored: "1", decode: decoder.decode) == 1)
        #expect(try documents.value(stored: "1", decode: decoder.decode) == 1)
        #expect(try documents.value(stored: "2", decode: decoder.decode) == 2)
        #expect(try documents.value(stored: "1", decode: decoder.decode) == 1)
        #expect(decoder.calls == ["1", "2"])
        #expect(documents.count == 2)
    }

    @Test("a document that does not decode throws each time and is not kept")
    func failuresAreNotKept() throws {
        let documents = DecodedDocuments<Int>(limit: 8)
        let decoder = CountingDecoder()
        for _ in 0..<2 { #expect(throws: StoreError.self) { try documents.value(stored: "x", decode: decoder.decode) } }
        #expect(decoder.calls == ["x", "x"])
        #expect(documents.count == 0)
    }

    @Test("bounded: past the limit a new text replaces one kept, and every text still decodes to its own value")
    func bounded() throws {
        let documents = DecodedDocuments<Int>(limit: 3)
        let decoder = CountingDecoder()
        for number in 0..<10 {
            #expect(try documents.value(stored: String(number), decode: decoder.decode) == number)
            #expect(documents.count == min(number + 1, 3))
        }
        #expect(decoder.calls.count == 10)
        // The last text is kept: reading it again decodes nothing.
        #expect(try documents.value(stored: "9", decode: decoder.decode) == 9)
        #expect(decoder.calls.count == 10)
        // Of the ten texts, three are kept, so reading them all again decodes seven.
        for number in 0..<10 { #expect(try documents.value(stored: String(number), decode: decoder.decode) == number) }
        #expect(decoder.calls.count >= 10 + 7 && documents.count == 3)
    }

    @Test("a working set larger than the limit still mostly hits (one replaced, not all cleared)")
    func largerWorkingSetMostlyHits() throws {
        let documents = DecodedDocuments<Int>(limit: 100)
        let decoder = CountingDecoder()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let number = Int.random(in: 0..<120, using: &generator)
            _ = try documents.value(stored: String(number), decode: decoder.decode)
        }
        // With 100 of 120 kept, about 100/120 of the reads hit (about 3,450 decodes); clearing
        // the whole cache when full would decode about 9,400 times (each clear starts over).
        #expect(decoder.calls.count < 6_000, "\(decoder.calls.count) decodes for 20,000 reads")
    }
}
