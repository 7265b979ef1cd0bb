@testable import HTTP

/// Feeds bytes to a parser in pieces and collects what it reports, merging body
/// slices, so results can be compared whatever the split.
struct ParserHarness {
    enum Outcome: Equatable {
        case requests([ParsedRequest])
        case failed(status: Int, after: [ParsedRequest])
    }

    struct ParsedRequest: Equatable {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    static func parse(_ text: String, pieces: [Int] = [], limits: HTTPRequestParser.Limits = .init()) -> Outcome {
        parse(Array(text.utf8), pieces: pieces, limits: limits)
    }

    /// Feeds `bytes` cut at the offsets in `pieces` (ascending).
    static func parse(_ bytes: [UInt8], pieces: [Int] = [], limits: HTTPRequestParser.Limits = .init()) -> Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var buffer = InputBuffer()
        var done: [ParsedRequest] = []
        var current: ParsedRequest?
        var start = 0
        for end in pieces + [bytes.count] where end >= start {
            buffer.append(contentsOf: bytes[start..<end])
            start = end
            do {
                while let event = try parser.next(&buffer) {
                    switch event {
                    case .head(let head): current = ParsedRequest(head: head, body: [])
                    case .body(let slice): current?.body.append(contentsOf: slice)
                    case .end:
                        if let request = current { done.append(request) }
                        current = nil
                    }
                }
            } catch {
                return .failed(status: error.status, after: done)
            }
        }
        return .requests(done)
    }
}
