import Foundation
import Testing
@testable import Percolator

@Suite("Slack request signatures — v0 HMAC-SHA256 over timestamp and body, five-minute replay window")
struct SlackRequestVerifierTests {
    struct SignedRequest: Decodable {
        var signingSecret: String
        var timestamp: String
        var body: String
        var signature: String
    }

    static func example() throws -> SignedRequest {
        try JSONDecoder().decode(SignedRequest.self, from: Data(contentsOf: ConnectorFixtures.url("slack/signed-request.json")))
    }

    func at(_ request: SignedRequest, plus seconds: Double) -> Date {
        Date(timeIntervalSince1970: (Double(request.timestamp) ?? 0) + seconds)
    }

    @Test("Slack's documented example is accepted, within the window either way")
    func documentedExample() throws {
        let request = try Self.example()
        let verifier = SlackRequestVerifier(signingSecret: request.signingSecret)
        for offset in [0.0, 299, -299] {
            try verifier.verify(timestamp: request.timestamp, signature: request.signature, body: Array(request.body.utf8),
                                now: at(request, plus: offset))
        }
    }

    /// Each way a request must be refused.
    enum Forgery: String, CaseIterable, Sendable {
        case staleReplay, futureTimestamp, flippedSignatureDigit, alteredBody, otherSecret, noPrefix, shortSignature
        case notHex, missingSignature, missingTimestamp, malformedTimestamp
    }

    @Test("forged, altered or stale requests are refused with their reason", arguments: Forgery.allCases)
    func refusals(forgery: Forgery) throws {
        let request = try Self.example()
        var timestamp: String? = request.timestamp, signature: String? = request.signature
        var body = request.body, secret = request.signingSecret, now = at(request, plus: 10)
        let expected: SlackRequestVerifier.Rejection
        switch forgery {
        case .staleReplay: now = at(request, plus: 301); expected = .stale
        case .futureTimestamp: now = at(request, plus: -301); expected = .stale
        case .flippedSignatureDigit: signature = String(request.signature.dropLast()) + "4"; expected = .badSignature
        case .alteredBody: body += "&admin=true"; expected = .badSignature
        case .otherSecret: secret = "another-secret"; expected = .badSignature
        case .noPrefix: signature = String(request.signature.dropFirst(3)); expected = .badSignature
        case .shortSignature: signature = String(request.signature.dropLast(2)); expected = .badSignature
        case .notHex: signature = "v0=" + String(repeating: "zz", count: 32); expected = .badSignature
        case .missingSignature: signature = nil; expected = .missingHeaders
        case .missingTimestamp: timestamp = nil; expected = .missingHeaders
        case .malformedTimestamp: timestamp = "yesterday"; expected = .malformedTimestamp
        }
        #expect(throws: expected) {
            try SlackRequestVerifier(signingSecret: secret).verify(timestamp: timestamp, signature: signature,
                                                                    body: Array(body.utf8), now: now)
        }
    }
}
