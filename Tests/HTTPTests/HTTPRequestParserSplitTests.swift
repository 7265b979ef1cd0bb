import Testing
@testable import HTTP

@Suite("Request parsing at every split point — the parser is incremental")
struct HTTPRequestParserSplitTests {
    static let samples: [String] = [
        "GET /scim/v2/Users/2819c223?attributes=userName HTTP/1.1\r\nHost: example.com\r\nAuthorization: Bearer abc\r\n\r\n",
        "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Type: application/scim+json\r\nContent-Length: 26\r\n\r\n{\"userName\":\"bjensen@x.y\"}",
        "PATCH /scim/v2/Groups/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na;ext=1\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n",
        "\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyzGET /c HTTP/1.0\r\n\r\n",
        "POST /d HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody",
    ]

    @Test("two pieces, split at every offset, parse like one", arguments: samples)
    func everySplitPoint(sample: String) {
        let bytes = Array(sample.utf8)
        let whole = ParserHarness.parse(bytes)
        guard case .requests(let requests) = whole, !requests.isEmpty else {
            Issue.record("sample does not parse: \(whole)")
            return
        }
        for offset in 0...bytes.count {
            #expect(ParserHarness.parse(bytes, pieces: [offset]) == whole, "split at \(offset)")
        }
    }

    @Test("one byte at a time parses like one piece", arguments: samples)
    func byteByByte(sample: String) {
        let bytes = Array(sample.utf8)
        let whole = ParserHarness.parse(bytes)
        guard case .requests(let requests) = whole, !requests.isEmpty else {
            Issue.record("sample does not parse: \(whole)")
            return
        }
        #expect(ParserHarness.parse(bytes, pieces: Array(0..<bytes.count)) == whole)
    }

    @Test("three pieces at many offset pairs parse like one", arguments: samples)
    func threePieces(sample: String) {
        let bytes = Array(sample.utf8)
        let whole = ParserHarness.parse(bytes)
        for first in stride(from: 0, through: bytes.count, by: 3) {
            for second in stride(from: first, through: bytes.count, by: 7) {
                #expect(ParserHarness.parse(bytes, pieces: [first, second]) == whole, "split at \(first), \(second)")
            }
        }
    }

    @Test("a head, a chunk-size line or trailers exactly at their limit, or one byte past it, parse the same in any pieces (found by HTTPFuzzer)")
    func limitsAtEveryByte() {
        var limits = HTTPRequestParser.Limits()
        limits.maxHeaderBytes = 64
        limits.maxChunkLineBytes = 16
        for extra in [0, 1] {
            // Head: request line and fields up to the last field's CRLF = 64 (+ extra) bytes.
            let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX: "
            let head = prefix + String(repeating: "a", count: 64 + extra - prefix.utf8.count - 2) + "\r\n\r\n"
            // Chunk-size line of 16 (+ extra) bytes before its CRLF.
            let chunkLine = "3;" + String(repeating: "e", count: 14 + extra)
            let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunkLine)\r\nabc\r\n0\r\n\r\n"
            // Trailer lines of 64 (+ extra) bytes, CRLFs included, before the blank line.
            let trailer = "T: " + String(repeating: "t", count: 64 + extra - 5) + "\r\n"
            let trailers = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(trailer)\r\n"
            for sample in [head, chunked, trailers] {
                let bytes = Array(sample.utf8)
                let whole = ParserHarness.parse(bytes, limits: limits)
                if case .requests(let requests) = whole {
                    #expect(extra == 0 && requests.count == 1, "\(sample.debugDescription)")
                } else {
                    #expect(extra == 1, "\(sample.debugDescription) is within its limit: \(whole)")
                }
                #expect(ParserHarness.parse(bytes, pieces: Array(0..<bytes.count), limits: limits) == whole, "\(sample.debugDescription)")
            }
        }
    }

    @Test("a bare LF at any place of a head, a chunk-size line or trailers, within its limit or past it, fails the same in any pieces (found by HTTPFuzzer)")
    func bareLineFeedAtEveryPlace() {
        var limits = HTTPRequestParser.Limits()
        limits.maxHeaderBytes = 64
        limits.maxChunkLineBytes = 16
        var samples: [String] = []
        for length in 0...80 {
            let filler = String(repeating: "a", count: length)
            samples.append("GET / HTTP/1.1\r\nHost: x\r\nX: \(filler)\nY: b\r\n\r\n")
            samples.append("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;\(filler.prefix(24))\nabc\r\n0\r\n\r\n")
            samples.append("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: 1\r\nU: \(filler)\n\r\n")
        }
        for sample in samples {
            let bytes = Array(sample.utf8)
            let whole = ParserHarness.parse(bytes, limits: limits)
            guard case .failed = whole else {
                Issue.record("\(sample.debugDescription) parsed: \(whole)")
                continue
            }
            #expect(ParserHarness.parse(bytes, pieces: Array(0..<bytes.count), limits: limits) == whole, "\(sample.debugDescription)")
            for cut in stride(from: 1, to: bytes.count, by: 5) {
                #expect(ParserHarness.parse(bytes, pieces: [cut], limits: limits) == whole, "\(sample.debugDescription) cut at \(cut)")
            }
        }
    }

    @Test("random bytes and mutated requests never crash the parser")
    func randomInputNeverCrashes() {
        var random = SeededRandom(seed: 0x5EED)
        let alphabet = Array("GET POST HTTP/1.1\r\n:;, 0123456789abcdefABCDEF\u{0}\t-chunkedContent-LengthTransfer-EncodingHost".utf8)
        var parsed = 0, failed = 0
        for iteration in 0..<3000 {
            var bytes: [UInt8]
            if iteration % 2 == 0 {
                bytes = (0..<Int(random.next() % 200)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            } else {
                bytes = Array(Self.samples[Int(random.next() % UInt64(Self.samples.count))].utf8)
                for _ in 0..<(1 + Int(random.next() % 4)) where !bytes.isEmpty {
                    let index = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 3 {
                    case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: index)
                    }
                }
            }
            let cut = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch ParserHarness.parse(bytes, pieces: [cut]) {
            case .requests: parsed += 1
            case .failed: failed += 1
            }
        }
        #expect(parsed + failed == 3000)
        #expect(failed > 0 && parsed > 0)
    }
}

/// SplitMix64: a seeded generator so random tests are reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
