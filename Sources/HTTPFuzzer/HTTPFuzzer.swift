import HTTP
import FuzzerDriver

// A libFuzzer target for the HTTP/1.1 request parser (RFC 9112): request lines, header
// fields, Content-Length and chunked framing, pipelined requests. scripts/fuzz.sh
// builds it with -sanitize=fuzzer,address and -DFUZZING (FuzzerDriver hands control
// to libFuzzer); a plain `swift build` replays files given on the command line.
//
// The first input byte chooses how the rest is cut into pieces; the rest is what a
// client sends. Invariants checked on every input, besides "does not crash":
// - the parser reports the same requests and the same error whether the bytes arrive
//   at once or in pieces (what a socket does);
// - every head it accepts is framed one way: chunked or a Content-Length, never both;
//   a body never passes the limit, and a Content-Length body is exactly that long;
//   the target is origin-form or `*`;
// - a Host that HostAuthority accepts carries nothing but a host and a port.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func httpFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    HTTPFuzzCase.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum HTTPFuzzCase {
    /// Small limits, so inputs of a few KB reach every limit.
    static let limits: HTTPRequestParser.Limits = {
        var limits = HTTPRequestParser.Limits()
        limits.maxHeaderBytes = 2048
        limits.maxHeaderCount = 32
        limits.maxBodyBytes = 4096
        limits.maxChunkLineBytes = 64
        return limits
    }()

    struct Parsed: Equatable {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    struct Outcome: Equatable {
        var requests: [Parsed] = []
        var error: HTTPParseError?
    }

    static func run(_ input: [UInt8]) {
        guard let first = input.first else { return }
        let bytes = Array(input.dropFirst())
        let step = 1 + Int(first % 32)
        let whole = parse(bytes, step: bytes.count + 1)
        let pieces = parse(bytes, step: step)
        guard whole == pieces else {
            fatalError("Split changed the outcome (pieces of \(step)): \(whole) vs \(pieces)")
        }
        for request in whole.requests { check(request) }
    }

    /// Feeds `bytes` in pieces of `step` bytes, parsing after each.
    static func parse(_ bytes: [UInt8], step: Int) -> Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var buffer = InputBuffer()
        var outcome = Outcome()
        var current: Parsed?
        var start = 0
        while start < bytes.count || start == 0 {
            let end = min(bytes.count, start + step)
            buffer.append(contentsOf: bytes[start..<end])
            start = end
            do {
                while let event = try parser.next(&buffer) {
                    switch event {
                    case .head(let head): current = Parsed(head: head, body: [])
                    case .body(let slice): current?.body.append(contentsOf: slice)
                    case .end:
                        if let request = current { outcome.requests.append(request) }
                        current = nil
                    }
                }
            } catch {
                outcome.error = error
                return outcome
            }
            if start >= bytes.count { break }
        }
        return outcome
    }

    static func check(_ request: Parsed) {
        let head = request.head
        if head.isChunked, head.contentLength != nil { fatalError("chunked and Content-Length: \(head)") }
        if request.body.count > limits.maxBodyBytes { fatalError("body of \(request.body.count) bytes passed the limit") }
        if !head.isChunked, request.body.count != (head.contentLength ?? 0) {
            fatalError("body of \(request.body.count) bytes for Content-Length \(String(describing: head.contentLength))")
        }
        if !head.target.hasPrefix("/"), head.target != "*" { fatalError("target not in origin-form: \(head.target)") }
        for value in head.headers.values(for: "host") {
            guard let authority = HostAuthority.validated(value) else { continue }
            if authority.contains(where: { "@/\\?# \t\"%".contains($0) }) {
                fatalError("HostAuthority accepted \(authority.debugDescription)")
            }
        }
    }
}

@main
enum HTTPFuzzerMain {
    static func main() { FuzzerDriver.main(httpFuzzerTestOneInput) }
}
